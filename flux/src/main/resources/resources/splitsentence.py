# Flux's example splitter: emits each word of the sentence in the tuple's first field (Squall's storm.py).
import storm


class SplitSentenceBolt(storm.BasicBolt):
    def process(self, tup):
        for word in tup.values[0].split(" "):
            storm.emit([word])


SplitSentenceBolt().run()
