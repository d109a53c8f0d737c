package io.rewardloop.service;

import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a service's HTTP endpoint listens and who may call it, read under the service's prefix
 * (e.g. {@code scorer.http}): {@code <prefix>.port}, {@code <prefix>.bind}, {@code
 * <prefix>.auth.tokens} and {@code <prefix>.auth.tokens.file}.
 *
 * @param bind the address to listen on ({@code 0.0.0.0} every interface, {@code 127.0.0.1} this
 *     machine only)
 * @param port the port; 0 picks a free one, -1 turns the endpoint off
 * @param tokens bearer tokens accepted on every path except {@code /health}; empty: no auth
 */
public record HttpSettings(String bind, int port, List<String> tokens) {

    /** The shortest token accepted: shorter ones are guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Every interface: the default for services in containers. */
    public static final String ANY_ADDRESS = "0.0.0.0";

    /** Validates and copies. */
    public HttpSettings {
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("the HTTP bind address must not be empty");
        }
        if (port < -1 || port > 65_535) {
            throw new ConfigException(
                    "the HTTP port must be -1 (off), 0 (any free port) or a port, got " + port);
        }
        tokens = List.copyOf(tokens);
        for (String token : tokens) {
            if (token.length() < MIN_TOKEN_LENGTH
                    || token.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(
                        "HTTP auth tokens must be at least "
                                + MIN_TOKEN_LENGTH
                                + " characters without spaces (one is "
                                + token.length()
                                + " characters long)");
            }
        }
    }

    /**
     * Reads the settings.
     *
     * @param source environment, then system properties, then defaults
     * @param prefix e.g. {@code scorer.http}
     * @param defaultPort used when {@code <prefix>.port} is unset
     * @return the validated settings
     * @throws ConfigException naming the key that is wrong
     */
    public static HttpSettings from(ConfigSource source, String prefix, int defaultPort) {
        String portKey = prefix + ".port";
        int port = source.integer(portKey, defaultPort);
        if (port < -1 || port > 65_535) {
            throw new ConfigException(
                    portKey + " must be -1 (off), 0 (any) or a port, got " + port);
        }
        String bind = source.string(prefix + ".bind", ANY_ADDRESS);
        List<String> tokens = new ArrayList<>();
        source.raw(prefix + ".auth.tokens").ifPresent(list -> tokens.addAll(split(list)));
        source.raw(prefix + ".auth.tokens.file")
                .ifPresent(file -> tokens.addAll(readFile(prefix + ".auth.tokens.file", file)));
        try {
            return new HttpSettings(bind, port, tokens);
        } catch (ConfigException e) {
            throw new ConfigException(prefix + ": " + e.getMessage());
        }
    }

    /**
     * Settings for tests and local runs: loopback, a free port, no auth.
     *
     * @return the settings
     */
    public static HttpSettings loopbackAnyPort() {
        return new HttpSettings("127.0.0.1", 0, List.of());
    }

    /**
     * Whether the endpoint runs.
     *
     * @return false when the port is -1
     */
    public boolean enabled() {
        return port >= 0;
    }

    /**
     * Whether callers must present a bearer token.
     *
     * @return true when tokens are configured
     */
    public boolean authRequired() {
        return !tokens.isEmpty();
    }

    /**
     * A copy on another bind address.
     *
     * @param address the address
     * @return the copy
     */
    public HttpSettings withBind(String address) {
        return new HttpSettings(address, port, tokens);
    }

    /** Tokens are never printed, only counted. */
    @Override
    public String toString() {
        return "HttpSettings[bind=" + bind + ", port=" + port + ", tokens=" + tokens.size() + "]";
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static List<String> readFile(String key, String file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(file))) {
                String token = line.trim();
                if (!token.isEmpty() && !token.startsWith("#")) {
                    out.add(token);
                }
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
