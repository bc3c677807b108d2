package org.estate.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.estate.platform.Bounds;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The edge of the web server: bounded parsing of dates and instants bound from request parameters
 * and path variables (years 0001 to 9999, else 400 naming the parameter), encoded slashes passed on
 * to Spring Security's firewall (which refuses them with a 400 answered like every other error),
 * and the few errors Tomcat answers itself (a request line or header it cannot parse) written as
 * problem details for {@code /api/**} and as a bare page otherwise, without Tomcat's report.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                return Bounds.instant("value", text);
            }

            @Override
            public String print(Instant object, Locale locale) {
                return object.toString();
            }
        });
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                return Bounds.date("value", text);
            }

            @Override
            public String print(LocalDate object, Locale locale) {
                return object.toString();
            }
        });
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> edgeTomcat() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
            factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    Container host = context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve.getClass() == ErrorReportValve.class) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new TomcatErrors());
                }
            }));
        };
    }

    /** What Tomcat answers when a request never reaches Estate: no server version, no report. */
    static final class TomcatErrors extends ErrorReportValve {
        TomcatErrors() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
                return;
            }
            // The raw URI: an address Tomcat could not decode has no decoded form.
            String uri = request.getRequestURI();
            boolean api = uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/"));
            String detail = status >= 500 ? "Something went wrong on our side; it has been logged"
                : "The request is malformed (its address or a header)";
            try {
                response.setCharacterEncoding("UTF-8");
                Writer out;
                if (api) {
                    response.setContentType("application/problem+json");
                    out = response.getReporter();
                    if (out != null) {
                        out.write("{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail + "\"}");
                    }
                } else {
                    response.setContentType("text/html");
                    out = response.getReporter();
                    if (out != null) {
                        out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title(status)
                            + " – Estate</title></head><body><h1>" + title(status) + "</h1><p>" + detail
                            + "</p><p><a href=\"/\">Go to the home page</a></p></body></html>");
                    }
                }
                if (out != null) {
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client has gone or the response cannot be written: nothing more to do.
            }
        }

        private static String title(int status) {
            org.springframework.http.HttpStatus s = org.springframework.http.HttpStatus.resolve(status);
            return s == null ? "Error" : s.getReasonPhrase();
        }
    }
}
