package io.rewardloop.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.rewardloop.common.RewardLoopException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The page's routes, declared in one place: {@code GET /} (the HTML page), {@code GET /status.js}
 * (its script), {@code GET /assets/echarts.min.js} (Apache ECharts from its WebJar, so the page
 * works offline) and {@code GET /status.json} (the snapshot).
 */
final class StatusRoutes {

    /** The figures. */
    static final String STATUS_JSON = "/status.json";

    /** The charting library. */
    static final String ECHARTS_PATH = "/assets/echarts.min.js";

    private static final String PAGE = "page/";
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<StatusSnapshot> snapshot;
    private final String echarts;

    StatusRoutes(Supplier<StatusSnapshot> snapshot) {
        this.snapshot = snapshot;
        this.echarts =
                "META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    }

    void declare(RoutesConfig routes) {
        routes.get("/", ctx -> resource(ctx, PAGE + "index.html", "text/html; charset=utf-8"));
        routes.get(
                "/status.js",
                ctx -> resource(ctx, PAGE + "status.js", "text/javascript; charset=utf-8"));
        routes.get(
                ECHARTS_PATH,
                ctx -> {
                    // The library never changes under one version: let browsers keep it.
                    ctx.header("Cache-Control", "max-age=86400");
                    send(ctx, open(echarts), "text/javascript; charset=utf-8");
                });
        routes.get(
                STATUS_JSON,
                ctx ->
                        ctx.header("Cache-Control", "no-store")
                                .contentType("application/json")
                                .result(json(snapshot.get())));
    }

    private static void resource(Context ctx, String name, String type) {
        ctx.header("Cache-Control", "no-cache");
        send(ctx, open(StatusRoutes.class.getPackageName().replace('.', '/') + "/" + name), type);
    }

    private static void send(Context ctx, InputStream body, String type) {
        ctx.contentType(type).result(body);
    }

    private static InputStream open(String resource) {
        InputStream in = StatusRoutes.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new RewardLoopException("resource " + resource + " is not on the class path");
        }
        return in;
    }

    private static String echartsVersion() {
        Properties props = new Properties();
        try (InputStream in = open(WEBJAR)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new RewardLoopException("cannot write the status as JSON: " + e.getMessage(), e);
        }
    }
}
