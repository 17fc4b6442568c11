# Acks each input and emits nothing: the protocol's cost per tuple without emits.
import storm


class AckBolt(storm.BasicBolt):
    def process(self, tup):
        pass


AckBolt().run()
