package io.squall.drpc;

import io.squall.Config;
import io.squall.SquallSubmitter;

import java.util.List;

/**
 * The linear DRPC topologies of {@link LinearDRPCIT} submitted to a cluster from a topology JAR, taking their
 * requests from a DRPC server daemon: {@code reach} (fan-out, partial then final aggregation, over two workers)
 * and {@code picky} (fails "boom", never answers "silent", echoes the rest; one worker). Arguments: the function,
 * the DRPC server's host, its HTTP port.
 */
public final class ClusterDrpcTopologies {
    private ClusterDrpcTopologies() {
    }

    public static void main(String[] args) {
        String function = args[0];
        Config conf = new Config();
        conf.put(DRPCSpout.SERVERS, List.of(args[1]));
        conf.put(DRPCSpout.PORT, Integer.parseInt(args[2]));
        LinearDRPCTopologyBuilder builder;
        if (function.equals("reach")) {
            builder = LinearDRPCIT.reach();
            conf.setNumWorkers(2);
        } else {
            builder = new LinearDRPCTopologyBuilder("picky");
            builder.addBolt(new LinearDRPCIT.Picky(), 2);
            conf.setNumWorkers(1);
        }
        SquallSubmitter.submitTopology(function, conf, builder.createRemoteTopology());
    }
}
