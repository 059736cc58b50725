package io.ttg.queue;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script from this package's resources, with prelude.lua in front of it. It runs by its
 * SHA-1 and falls back to sending the source when the server does not know the script, as after
 * a Redis restart or failover.
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code name} from this package's resources, with the prelude in front of it. */
    static LuaScript load(String name) {
        return new LuaScript(name, resource("prelude.lua") + "\n" + resource(name));
    }

    /** Runs the script and returns its reply, decoded by {@code type}. */
    <T> T run(RedisCommands<String, byte[]> redis, ScriptOutputType type, String[] keys,
            byte[]... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /** Sends the source to the server's script cache, so that pipelined calls may use the SHA. */
    void ensureLoaded(RedisCommands<String, byte[]> redis) {
        redis.scriptLoad(source);
    }

    String sha() {
        return sha;
    }

    String name() {
        return name;
    }

    private static String resource(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + name, e);
        }
    }

    private static String sha1(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
