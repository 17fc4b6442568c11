import storm


class MeteredSplitBolt(storm.BasicBolt):
    def process(self, tup):
        words = tup.values[0].split(" ")
        for word in words:
            storm.emit([word])
        storm.rpcMetrics("words", len(words))
        if tup.values[0] == "plain":
            storm.rpcMetrics("plain", 1)


MeteredSplitBolt().run()
