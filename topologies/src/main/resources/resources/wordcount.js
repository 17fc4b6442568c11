// Counts words; emits each word with its count and logs the counts on every tick tuple.
var storm = require('./storm');
var BasicBolt = storm.BasicBolt;

function WordCountBolt() {
    BasicBolt.call(this);
    this.counts = {};
}

WordCountBolt.prototype = Object.create(BasicBolt.prototype);
WordCountBolt.prototype.constructor = WordCountBolt;

WordCountBolt.prototype.process = function (tup, done) {
    if (tup.isTickTuple()) {
        this.log('word counts: ' + JSON.stringify(this.counts));
        done();
        return;
    }
    var word = tup.values[0];
    this.counts[word] = (this.counts[word] || 0) + 1;
    this.emit({tuple: [word, this.counts[word]], anchorTupleId: tup.id});
    done();
};

new WordCountBolt().run();
