package io.squall.flux.test;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** The bolt of config_methods.yaml: keeps what its constructor, factories and methods were given. */
public class TestBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;

    /** The enum the YAML names by constant ({@code FOO}). */
    public enum TestEnum { FOO, BAR }

    /** A component made from a string. */
    public static class TestClass implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String field;

        public TestClass(String field) {
            this.field = field;
        }

        public String getField() {
            return field;
        }
    }

    public TestEnum testEnum;
    public float aFloat;
    public boolean aBoolean;
    public TestClass[] classes;
    public long aLong = -1;
    public String foo;
    public String bar;
    public String fooBar;
    public boolean noneCalled;
    public TestClass[] configuredClasses;
    public Duration duration;
    public Duration[] durations;
    public Duration timeLen;
    public Duration[] timeLenArr;
    public String publicField;
    public int anInt;

    public TestBolt(TestEnum testEnum, float aFloat, boolean aBoolean, TestClass... classes) {
        this.testEnum = testEnum;
        this.aFloat = aFloat;
        this.aBoolean = aBoolean;
        this.classes = classes;
    }

    public TestBolt(long aLong) {
        this.aLong = aLong;
    }

    public TestBolt(TestEnum testEnum) {
        this.testEnum = testEnum;
    }

    public static TestBolt newInstance() {
        return new TestBolt(TestEnum.BAR);
    }

    public static TestBolt newInstance(TestEnum testEnum) {
        return new TestBolt(testEnum);
    }

    public static TestBolt newLongInstance(long value) {
        return new TestBolt(value);
    }

    public void withFoo(String foo) {
        this.foo = foo;
    }

    public void withNone() {
        noneCalled = true;
    }

    public void withBar(String bar) {
        this.bar = bar;
    }

    public void withFooBar(String foo, String bar) {
        this.fooBar = foo + bar;
    }

    public void withClasses(TestClass... classes) {
        this.configuredClasses = classes;
    }

    public void withDuration(Duration duration) {
        this.duration = duration;
    }

    public void withDurationArr(Duration... durations) {
        this.durations = durations;
    }

    public void setTimeLen(Duration timeLen) {
        this.timeLen = timeLen;
    }

    public void setTimeLenArr(Duration... timeLenArr) {
        this.timeLenArr = timeLenArr;
    }

    public void setAnInt(int anInt) {
        this.anInt = anInt;
    }

    /** A method taking a list, for reflist into a List parameter. */
    public List<TestClass> listed;

    public void withList(List<TestClass> list) {
        this.listed = list;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
