/**
 * Squall's Node.js module for Storm's multilang protocol. A shell component script loads it as it would
 * Storm's (require('./storm')) and extends BasicBolt, Bolt or Spout:
 *
 *   var storm = require('./storm');
 *   function SplitBolt() { storm.BasicBolt.call(this); }
 *   SplitBolt.prototype = Object.create(storm.BasicBolt.prototype);
 *   SplitBolt.prototype.process = function (tup, done) {
 *       var self = this;
 *       tup.values[0].split(' ').forEach(function (w) { self.emit({tuple: [w], anchorTupleId: tup.id}); });
 *       done();
 *   };
 *   new SplitBolt().run();
 *
 * Messages are JSON values, each followed by a line "end", on stdin and stdout: a script must not write to
 * stdout itself; use this.log (or stderr, which the worker logs).
 */
'use strict';

var fs = require('fs');
var path = require('path');

var SEPARATOR = '\nend\n';

/** The protocol plumbing every component shares. */
function Storm() {
    this.buffer = '';
    this.handshakeDone = false;
    this.taskIdsCallbacks = [];
}

Storm.prototype.sendMsgToParent = function (msg) {
    process.stdout.write(JSON.stringify(msg) + SEPARATOR);
};

Storm.prototype.sync = function () {
    this.sendMsgToParent({command: 'sync'});
};

Storm.prototype.sendpid = function (pidDir) {
    var pid = process.pid;
    this.sendMsgToParent({pid: pid});
    if (pidDir) {
        fs.closeSync(fs.openSync(path.join(pidDir, String(pid)), 'w'));
    }
};

Storm.prototype.log = function (msg, level) {
    this.sendMsgToParent({command: 'log', msg: String(msg), level: level === undefined ? 2 : level});
};

Storm.prototype.logTrace = function (msg) { this.log(msg, 0); };
Storm.prototype.logDebug = function (msg) { this.log(msg, 1); };
Storm.prototype.logInfo = function (msg) { this.log(msg, 2); };
Storm.prototype.logWarn = function (msg) { this.log(msg, 3); };
Storm.prototype.logError = function (msg) { this.log(msg, 4); };

Storm.prototype.reportError = function (err) {
    this.sendMsgToParent({command: 'error', msg: err && err.stack ? err.stack : String(err)});
};

Storm.prototype.rpcMetrics = function (name, params) {
    this.sendMsgToParent({command: 'metrics', name: name, params: params});
};

/**
 * Emits a tuple. onTaskIds, if given, is called with the task ids the tuple went to; without it the worker
 * does not send them.
 */
Storm.prototype.emit = function (messageDetails, onTaskIds) {
    if (messageDetails.task !== undefined && messageDetails.task !== null) {
        throw new Error('emit takes no task: use emitDirect to emit to one task');
    }
    var needTaskIds = typeof onTaskIds === 'function';
    if (needTaskIds) {
        this.taskIdsCallbacks.push(onTaskIds);
    }
    this.__emit(messageDetails, needTaskIds);
};

/** Emits a tuple to one task (messageDetails.task) of a direct stream. */
Storm.prototype.emitDirect = function (messageDetails) {
    if (messageDetails.task === undefined || messageDetails.task === null) {
        throw new Error('emitDirect needs the target task in messageDetails.task');
    }
    this.__emit(messageDetails, false);
};

/** Override to set up the component; call done() (or done(err)) when ready. */
Storm.prototype.initialize = function (conf, context, done) {
    done();
};

Storm.prototype.run = function () {
    var self = this;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', function (chunk) {
        self.buffer += chunk;
        var end;
        // The worker writes each JSON value on one line, so "\nend\n" only ever ends a message.
        while ((end = self.buffer.indexOf(SEPARATOR)) >= 0) {
            var text = self.buffer.substring(0, end);
            self.buffer = self.buffer.substring(end + SEPARATOR.length);
            self.handleMessage(text);
        }
    });
    process.stdin.on('end', function () {
        process.exit(0);
    });
};

Storm.prototype.handleMessage = function (text) {
    var msg;
    try {
        msg = JSON.parse(text);
    } catch (e) {
        this.reportError(new Error('cannot parse a message from the worker: ' + text));
        return;
    }
    if (!this.handshakeDone) {
        this.handshakeDone = true;
        this.handleInitialHandshake(msg);
    } else if (Array.isArray(msg)) {
        var callback = this.taskIdsCallbacks.shift();
        if (callback) {
            callback(msg);
        }
    } else {
        this.handleNewCommand(msg);
    }
};

Storm.prototype.handleInitialHandshake = function (msg) {
    var self = this;
    this.sendpid(msg.pidDir);
    this.initialize(msg.conf, msg.context, function (err) {
        if (err) {
            self.reportError(err);
        }
    });
};

/** A tuple received by a bolt. */
function Tuple(id, component, stream, task, values) {
    this.id = id;
    this.component = component;
    this.stream = stream;
    this.task = task;
    this.values = values;
}

Tuple.prototype.isHeartbeatTuple = function () {
    return this.task === -1 && this.stream === '__heartbeat';
};

Tuple.prototype.isTickTuple = function () {
    return this.stream === '__tick';
};

/** A bolt that acks, fails and anchors itself. Override process(tup, done). */
function Bolt() {
    Storm.call(this);
}

Bolt.prototype = Object.create(Storm.prototype);
Bolt.prototype.constructor = Bolt;

Bolt.prototype.process = function (tup, done) {
    done();
};

Bolt.prototype.ack = function (tup) {
    this.sendMsgToParent({command: 'ack', id: tup.id});
};

Bolt.prototype.fail = function (tup, err) {
    this.sendMsgToParent({command: 'fail', id: tup.id});
};

Bolt.prototype.__emit = function (d, needTaskIds) {
    var anchors = d.anchorTupleIds || (d.anchorTupleId !== undefined && d.anchorTupleId !== null
        ? [d.anchorTupleId] : []);
    var m = {command: 'emit', tuple: d.tuple, anchors: anchors, need_task_ids: needTaskIds};
    if (d.stream !== undefined && d.stream !== null) {
        m.stream = d.stream;
    }
    if (d.task !== undefined && d.task !== null) {
        m.task = d.task;
    }
    this.sendMsgToParent(m);
};

Bolt.prototype.handleNewCommand = function (command) {
    var tup = new Tuple(command.id, command.comp, command.stream, command.task, command.tuple);
    if (tup.isHeartbeatTuple()) {
        this.sync();
        return;
    }
    this.process(tup, function () { });
};

/**
 * A bolt whose input is acked when process calls done(), and failed (with the error reported) when it calls
 * done(err) or throws. Emits should name the input in anchorTupleId to be anchored to it.
 */
function BasicBolt() {
    Bolt.call(this);
}

BasicBolt.prototype = Object.create(Bolt.prototype);
BasicBolt.prototype.constructor = BasicBolt;

BasicBolt.prototype.handleNewCommand = function (command) {
    var self = this;
    var tup = new Tuple(command.id, command.comp, command.stream, command.task, command.tuple);
    if (tup.isHeartbeatTuple()) {
        this.sync();
        return;
    }
    var finished = false;
    var done = function (err) {
        if (finished) {
            return;
        }
        finished = true;
        if (err) {
            self.reportError(err);
            self.fail(tup, err);
        } else {
            self.ack(tup);
        }
    };
    try {
        this.process(tup, done);
    } catch (e) {
        done(e);
    }
};

/** A spout. Override nextTuple(done), ack(id, done), fail(id, done), and optionally activate/deactivate(done). */
function Spout() {
    Storm.call(this);
}

Spout.prototype = Object.create(Storm.prototype);
Spout.prototype.constructor = Spout;

Spout.prototype.nextTuple = function (done) { done(); };
Spout.prototype.ack = function (id, done) { done(); };
Spout.prototype.fail = function (id, done) { done(); };
Spout.prototype.activate = function (done) { done(); };
Spout.prototype.deactivate = function (done) { done(); };

Spout.prototype.__emit = function (d, needTaskIds) {
    var m = {command: 'emit', tuple: d.tuple, need_task_ids: needTaskIds};
    if (d.id !== undefined && d.id !== null) {
        m.id = d.id;
    }
    if (d.stream !== undefined && d.stream !== null) {
        m.stream = d.stream;
    }
    if (d.task !== undefined && d.task !== null) {
        m.task = d.task;
    }
    this.sendMsgToParent(m);
};

Spout.prototype.handleNewCommand = function (command) {
    var self = this;
    var done = function (err) {
        if (err) {
            self.reportError(err);
        }
        self.sync();
    };
    switch (command.command) {
        case 'next': this.nextTuple(done); break;
        case 'ack': this.ack(command.id, done); break;
        case 'fail': this.fail(command.id, done); break;
        case 'activate': this.activate(done); break;
        case 'deactivate': this.deactivate(done); break;
        default: done(new Error('unknown command ' + command.command));
    }
};

module.exports.Storm = Storm;
module.exports.Tuple = Tuple;
module.exports.Bolt = Bolt;
module.exports.BasicBolt = BasicBolt;
module.exports.Spout = Spout;
