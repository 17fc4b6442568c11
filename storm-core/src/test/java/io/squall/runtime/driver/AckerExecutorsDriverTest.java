package io.squall.runtime.driver;

import io.squall.Config;

/** {@link AckingDriverTest}'s trees tracked by an acker executor, as Storm does, instead of by their spouts. */
class AckerExecutorsDriverTest extends AckingDriverTest {
    @Override
    Config conf() {
        Config conf = super.conf();
        conf.put(Config.TOPOLOGY_ACKER_IN_SPOUT, false);
        return conf;
    }
}
