package org.estate.monitoring.internal.probe;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.platform.ValidationException.FieldError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * STAND-IN http and tcp types (minimal validation, crude probes) so that the check API and the
 * engine can be built and tested before the real types land. Replaced by the network probes work.
 */
@Configuration
class StandInTypes {

    @Bean
    CheckType standInTcp() {
        return new CheckType() {
            public String key() { return "tcp"; }
            public Set<String> secretFields() { return Set.of(); }
            public Map<String, Object> normalise(Map<String, Object> t, List<FieldError> errors) {
                Map<String, Object> out = new LinkedHashMap<>();
                Object host = t.get("host");
                Object port = t.get("port");
                if (!(host instanceof String h) || h.isBlank()) errors.add(new FieldError("target.host", "Enter a host"));
                else out.put("host", h);
                if (!(port instanceof Number p) || p.intValue() < 1 || p.intValue() > 65535) errors.add(new FieldError("target.port", "Enter a port from 1 to 65535"));
                else out.put("port", p.intValue());
                return out;
            }
            public Prober prepare(long id, Map<String, Object> t) {
                return timeout -> {
                    long start = System.nanoTime();
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress((String) t.get("host"), ((Number) t.get("port")).intValue()), (int) timeout.toMillis());
                        return ProbeResult.up((System.nanoTime() - start) / 1_000_000, "Connected", Map.of());
                    } catch (Exception e) {
                        return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "Cannot connect: " + e.getMessage(), Map.of());
                    }
                };
            }
        };
    }

    @Bean
    CheckType standInHttp() {
        return new CheckType() {
            public String key() { return "http"; }
            public Set<String> secretFields() { return Set.of("password"); }
            public Map<String, Object> normalise(Map<String, Object> t, List<FieldError> errors) {
                Map<String, Object> out = new LinkedHashMap<>(t);
                if (!(t.get("url") instanceof String u) || !(u.startsWith("http://") || u.startsWith("https://"))) {
                    errors.add(new FieldError("target.url", "Enter a URL starting http:// or https://"));
                }
                return out;
            }
            public Prober prepare(long id, Map<String, Object> t) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                return timeout -> {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create((String) t.get("url"))).timeout(timeout).build(),
                            HttpResponse.BodyHandlers.discarding());
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        return r.statusCode() < 400 ? ProbeResult.up(ms, "HTTP " + r.statusCode(), Map.of("status", r.statusCode()))
                            : ProbeResult.down(ms, "HTTP " + r.statusCode(), Map.of("status", r.statusCode()));
                    } catch (Exception e) {
                        return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "Failed: " + e.getMessage(), Map.of());
                    }
                };
            }
        };
    }
}
