# Splits each sentence into words (emits anchored, acks the input): the benchmark's Python bolt.
import storm


class SplitSentenceBolt(storm.BasicBolt):
    def process(self, tup):
        for word in tup.values[0].split(" "):
            storm.emit([word], need_task_ids=False)


SplitSentenceBolt().run()
