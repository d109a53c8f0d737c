package io.rewardloop.service;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The meter registry every service serves on {@code /metrics}. */
public final class ServiceMetrics {

    private ServiceMetrics() {}

    /**
     * A Prometheus registry with the JVM's memory, thread, CPU and uptime meters bound ({@code
     * jvm_memory_used_bytes}, {@code jvm_threads_live_threads}, {@code process_cpu_usage}, {@code
     * process_uptime_seconds}, ...).
     *
     * @return a new registry
     */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
