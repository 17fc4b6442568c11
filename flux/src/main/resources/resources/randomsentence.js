// Flux's example spout: emits a sentence picked at random, each with a message id (Squall's storm.js).
var storm = require('./storm');

var SENTENCES = [
    "the cow jumped over the moon",
    "an apple a day keeps the doctor away",
    "four score and seven years ago",
    "snow white and the seven dwarfs",
    "i am at two with nature"
];

function RandomSentenceSpout() {
    storm.Spout.call(this);
    this.nextId = 0;
}
RandomSentenceSpout.prototype = Object.create(storm.Spout.prototype);
RandomSentenceSpout.prototype.constructor = RandomSentenceSpout;

RandomSentenceSpout.prototype.nextTuple = function (done) {
    var sentence = SENTENCES[Math.floor(Math.random() * SENTENCES.length)];
    this.emit({tuple: [sentence], id: String(this.nextId++)});
    setTimeout(done, 100);
};
RandomSentenceSpout.prototype.ack = function (id, done) { done(); };
RandomSentenceSpout.prototype.fail = function (id, done) { done(); };

new RandomSentenceSpout().run();
