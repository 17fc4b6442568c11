# Like perf_split.py, but every emit waits for its task ids, as Storm's storm.py does by default.
import storm


class SplitSentenceBolt(storm.BasicBolt):
    def process(self, tup):
        for word in tup.values[0].split(" "):
            storm.emit([word])


SplitSentenceBolt().run()
