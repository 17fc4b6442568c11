"""Squall's Python 3 module for Storm's multilang protocol.

A shell component script imports it as it would Storm's (``import storm``) and subclasses
``BasicBolt``, ``Bolt`` or ``Spout``::

    import storm

    class SplitSentenceBolt(storm.BasicBolt):
        def process(self, tup):
            for word in tup.values[0].split(" "):
                storm.emit([word])

    SplitSentenceBolt().run()

Messages are JSON values, each followed by a line ``end``, on stdin and stdout: so a script must not
print to stdout; use ``storm.log`` (or stderr, which the worker logs).
"""

import json
import os
import sys
import traceback
from collections import deque

_stdin = sys.stdin
_stdout = sys.stdout

# Messages read while waiting for something else: commands (tuples) while waiting for task ids,
# and task ids while waiting for a command.
_pending_commands = deque()
_pending_taskids = deque()

# What kind of component this process runs (set by run()), and the tuple a BasicBolt is processing.
MODE = None
ANCHOR_TUPLE = None

HEARTBEAT_STREAM = "__heartbeat"
TICK_STREAM = "__tick"


def readMsg():
    """Reads one message: the lines up to ``end``, parsed as JSON."""
    _stdout.flush()
    lines = []
    while True:
        line = _stdin.readline()
        if not line:
            raise EOFError("stdin closed: the worker stopped this component")
        line = line.rstrip("\n")
        if line == "end":
            break
        lines.append(line)
    return json.loads("\n".join(lines))


def sendMsgToParent(msg):
    """Writes one message (flushed before the next read)."""
    _stdout.write(json.dumps(msg))
    _stdout.write("\nend\n")


def readTaskIds():
    """The task ids of the oldest emit still waiting for them."""
    if _pending_taskids:
        return _pending_taskids.popleft()
    msg = readMsg()
    while not isinstance(msg, list):
        _pending_commands.append(msg)
        msg = readMsg()
    return msg


def readCommand():
    """The next command (a tuple for bolts, next/ack/fail/activate/deactivate for spouts)."""
    if _pending_commands:
        return _pending_commands.popleft()
    msg = readMsg()
    while isinstance(msg, list):
        _pending_taskids.append(msg)
        msg = readMsg()
    return msg


def readTuple():
    cmd = readCommand()
    return Tuple(cmd["id"], cmd["comp"], cmd["stream"], cmd["task"], cmd["tuple"])


def sync():
    sendMsgToParent({"command": "sync"})


def sendpid(piddir):
    pid = os.getpid()
    sendMsgToParent({"pid": pid})
    if piddir:
        open(os.path.join(piddir, str(pid)), "w").close()


def emit(*args, **kwargs):
    """Emits a tuple; returns the task ids it went to (None with need_task_ids=False).

    Bolts: emit(tup, stream=None, anchors=[], directTask=None, need_task_ids=True)
    Spouts: emit(tup, id=None, stream=None, directTask=None, need_task_ids=True)
    """
    need_task_ids = kwargs.get("need_task_ids", True)
    _emit(*args, **kwargs)
    if need_task_ids and kwargs.get("directTask") is None:
        return readTaskIds()
    return None


def emitDirect(task, *args, **kwargs):
    """Emits a tuple to one task of a direct stream."""
    kwargs["directTask"] = task
    _emit(*args, **kwargs)


def _emit(*args, **kwargs):
    if MODE == Spout:
        _emitSpout(*args, **kwargs)
    else:
        _emitBolt(*args, **kwargs)


def _emitBolt(tup, stream=None, anchors=None, directTask=None, need_task_ids=True):
    if anchors is None:
        anchors = []
    if ANCHOR_TUPLE is not None:
        anchors = [ANCHOR_TUPLE]
    m = {"command": "emit", "anchors": [a.id for a in anchors], "tuple": tup}
    if stream is not None:
        m["stream"] = stream
    if directTask is not None:
        m["task"] = directTask
    if not need_task_ids or directTask is not None:
        m["need_task_ids"] = False
    sendMsgToParent(m)


def _emitSpout(tup, id=None, stream=None, directTask=None, need_task_ids=True):
    m = {"command": "emit", "tuple": tup}
    if id is not None:
        m["id"] = id
    if stream is not None:
        m["stream"] = stream
    if directTask is not None:
        m["task"] = directTask
    if not need_task_ids or directTask is not None:
        m["need_task_ids"] = False
    sendMsgToParent(m)


def ack(tup):
    sendMsgToParent({"command": "ack", "id": tup.id})


def fail(tup):
    sendMsgToParent({"command": "fail", "id": tup.id})


def reportError(msg):
    sendMsgToParent({"command": "error", "msg": msg})


def log(msg, level=2):
    sendMsgToParent({"command": "log", "msg": msg, "level": level})


def logTrace(msg):
    log(msg, 0)


def logDebug(msg):
    log(msg, 1)


def logInfo(msg):
    log(msg, 2)


def logWarn(msg):
    log(msg, 3)


def logError(msg):
    log(msg, 4)


def rpcMetrics(name, params):
    sendMsgToParent({"command": "metrics", "name": name, "params": params})


def initComponent():
    setup = readMsg()
    sendpid(setup.get("pidDir"))
    return [setup["conf"], setup["context"]]


class Tuple(object):
    __slots__ = ["id", "component", "stream", "task", "values"]

    def __init__(self, id, component, stream, task, values):
        self.id = id
        self.component = component
        self.stream = stream
        self.task = task
        self.values = values

    def __repr__(self):
        return "<%s%s>" % (self.__class__.__name__,
                           "".join(" %s=%r" % (k, getattr(self, k)) for k in self.__slots__))

    def is_heartbeat_tuple(self):
        return self.task == -1 and self.stream == HEARTBEAT_STREAM

    def is_tick_tuple(self):
        return self.stream == TICK_STREAM


class Bolt(object):
    """A bolt that acks, fails and anchors itself."""

    def initialize(self, stormconf, context):
        pass

    def process(self, tuple):
        pass

    def run(self):
        global MODE
        MODE = Bolt
        conf, context = initComponent()
        try:
            self.initialize(conf, context)
            while True:
                tup = readTuple()
                if tup.is_heartbeat_tuple():
                    sync()
                else:
                    self.process(tup)
        except EOFError:
            pass
        except Exception:
            reportError(traceback.format_exc())
            raise


class BasicBolt(object):
    """A bolt whose emits are anchored to the input, which is acked after process() and failed if it raises."""

    def initialize(self, stormconf, context):
        pass

    def process(self, tuple):
        pass

    def run(self):
        global MODE, ANCHOR_TUPLE
        MODE = Bolt
        conf, context = initComponent()
        try:
            self.initialize(conf, context)
            while True:
                tup = readTuple()
                if tup.is_heartbeat_tuple():
                    sync()
                    continue
                ANCHOR_TUPLE = tup
                try:
                    self.process(tup)
                    ack(tup)
                except Exception:
                    reportError(traceback.format_exc())
                    fail(tup)
                finally:
                    ANCHOR_TUPLE = None
        except EOFError:
            pass
        except Exception:
            reportError(traceback.format_exc())
            raise


class Spout(object):
    def initialize(self, conf, context):
        pass

    def ack(self, id):
        pass

    def fail(self, id):
        pass

    def nextTuple(self):
        pass

    def activate(self):
        pass

    def deactivate(self):
        pass

    def run(self):
        global MODE
        MODE = Spout
        conf, context = initComponent()
        try:
            self.initialize(conf, context)
            while True:
                msg = readCommand()
                command = msg["command"]
                if command == "next":
                    self.nextTuple()
                elif command == "ack":
                    self.ack(msg["id"])
                elif command == "fail":
                    self.fail(msg["id"])
                elif command == "activate":
                    self.activate()
                elif command == "deactivate":
                    self.deactivate()
                sync()
        except EOFError:
            pass
        except Exception:
            reportError(traceback.format_exc())
            raise
