import os
import sys
import time

import storm


class FaultyBolt(storm.BasicBolt):
    """Passes numbers on; on the number FAULT_AT it misbehaves once, as FAULT says, then works normally."""

    def initialize(self, conf, context):
        self.fault = os.environ["FAULT"]
        self.at = int(os.environ.get("FAULT_AT", "50"))
        self.marker = "fault-done-%s" % context["taskid"]

    def process(self, tup):
        n = tup.values[0]
        if n == self.at and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            if self.fault == "die":
                sys.stderr.write("dying on purpose at %d\n" % n)
                sys.stderr.flush()
                os._exit(3)
            elif self.fault == "hang":
                time.sleep(3600)
            elif self.fault == "garbage":
                sys.stdout.write("this is not json\nend\n")
                sys.stdout.flush()
            elif self.fault == "undeclared":
                storm.emit([n], stream="nowhere")
            elif self.fault == "error":
                raise ValueError("cannot handle %d" % n)
        storm.emit([n])


FaultyBolt().run()
