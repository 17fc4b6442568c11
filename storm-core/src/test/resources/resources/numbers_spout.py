import storm


class NumberSpout(storm.Spout):
    """Emits the ids 0..count-1 once each (count from the SPOUT_COUNT env), and again each one that fails."""

    def initialize(self, conf, context):
        import os
        self.count = int(os.environ.get("SPOUT_COUNT", "100"))
        self.next = 0
        self.replays = []
        self.pending = set()

    def nextTuple(self):
        if self.replays:
            i = self.replays.pop()
        elif self.next < self.count:
            i = self.next
            self.next += 1
        else:
            return
        self.pending.add(i)
        storm.emit(["number %d" % i, i], id=i)

    def ack(self, id):
        self.pending.discard(id)

    def fail(self, id):
        storm.logInfo("replaying %s" % id)
        self.replays.append(id)


NumberSpout().run()
