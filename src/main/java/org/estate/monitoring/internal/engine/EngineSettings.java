package org.estate.monitoring.internal.engine;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's settings ({@code estate.monitoring.*}, README "The engine"): scheduling, leases,
 * batching, flapping and retention. Read once at start.
 */
@Component
public class EngineSettings {

    final boolean schedulerEnabled;
    final String nodeId;
    final int concurrency;
    final Duration nodeHeartbeat;
    final Duration nodeTimeout;
    final Duration reconcileInterval;
    final Duration claimInterval;
    final Duration retryMax;
    final Duration flushInterval;
    final int flushRows;
    final int flappingChanges;
    final Duration flappingWindow;
    final Duration rawRetention;
    final Duration rollupRetention;
    final int purgeBatch;

    EngineSettings(@Value("${estate.monitoring.scheduler.enabled:true}") boolean schedulerEnabled,
                   @Value("${estate.monitoring.scheduler.node-id:}") String nodeId,
                   @Value("${estate.monitoring.scheduler.concurrency:500}") int concurrency,
                   @Value("${estate.monitoring.scheduler.node-heartbeat:2s}") Duration nodeHeartbeat,
                   @Value("${estate.monitoring.scheduler.node-timeout:10s}") Duration nodeTimeout,
                   @Value("${estate.monitoring.scheduler.reconcile-interval:15s}") Duration reconcileInterval,
                   @Value("${estate.monitoring.scheduler.claim-interval:2s}") Duration claimInterval,
                   @Value("${estate.monitoring.scheduler.retry-max:10s}") Duration retryMax,
                   @Value("${estate.monitoring.results.flush-interval:200ms}") Duration flushInterval,
                   @Value("${estate.monitoring.results.flush-rows:1000}") int flushRows,
                   @Value("${estate.monitoring.flapping.changes:5}") int flappingChanges,
                   @Value("${estate.monitoring.flapping.window:30m}") Duration flappingWindow,
                   @Value("${estate.monitoring.retention.raw:7d}") Duration rawRetention,
                   @Value("${estate.monitoring.retention.rollups:400d}") Duration rollupRetention,
                   @Value("${estate.monitoring.retention.purge-batch:5000}") int purgeBatch) {
        this.schedulerEnabled = schedulerEnabled;
        this.nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId.strip();
        this.concurrency = Math.max(1, concurrency);
        this.nodeHeartbeat = nodeHeartbeat;
        this.nodeTimeout = nodeTimeout;
        this.reconcileInterval = reconcileInterval;
        this.claimInterval = claimInterval;
        this.retryMax = retryMax;
        this.flushInterval = flushInterval;
        this.flushRows = Math.max(1, flushRows);
        this.flappingChanges = flappingChanges;
        this.flappingWindow = flappingWindow;
        this.rawRetention = rawRetention;
        this.rollupRetention = rollupRetention;
        this.purgeBatch = Math.max(1, purgeBatch);
        if (!nodeTimeout.minus(nodeHeartbeat.multipliedBy(2)).isPositive()) {
            throw new IllegalStateException("estate.monitoring.scheduler.node-timeout must be more than twice node-heartbeat");
        }
    }

    /** This node's id: host name, process id and a random part, so a restart is a new node. */
    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        String id = host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(new java.security.SecureRandom().nextInt() & 0xffffffL);
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    public String nodeId() {
        return nodeId;
    }

    /** How long after its last heartbeat a node may still start a probe (no node can declare it dead sooner). */
    Duration fence() {
        return nodeTimeout.minus(nodeHeartbeat);
    }
}
