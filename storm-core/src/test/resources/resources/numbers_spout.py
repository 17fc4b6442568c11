import os

import storm


class NumberSpout(storm.Spout):
    """Emits the ids 0..count-1 once each (count from the SPOUT_COUNT env), and again each one that fails.

    With DIE_AT set it exits once, when about to emit that id, and keeps the next id in a file of its
    working directory so that the restarted process goes on where it stopped.
    """

    def initialize(self, conf, context):
        self.count = int(os.environ.get("SPOUT_COUNT", "100"))
        self.die_at = int(os.environ.get("DIE_AT", "-1"))
        self.progress = "numbers-next-%s" % context["taskid"]
        self.next = 0
        if self.die_at >= 0 and os.path.exists(self.progress):
            with open(self.progress) as f:
                self.next = int(f.read())
        self.replays = []

    def nextTuple(self):
        if self.replays:
            i = self.replays.pop()
        elif self.next < self.count:
            i = self.next
            if i == self.die_at and not os.path.exists(self.progress + "-died"):
                open(self.progress + "-died", "w").close()
                os._exit(4)
            self.next += 1
            if self.die_at >= 0:
                with open(self.progress, "w") as f:
                    f.write(str(self.next))
        else:
            return
        storm.emit(["number %d" % i, i], id=i)

    def fail(self, id):
        storm.logInfo("replaying %s" % id)
        self.replays.append(id)


NumberSpout().run()
