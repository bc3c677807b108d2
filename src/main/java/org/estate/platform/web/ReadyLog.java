package org.estate.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says in the log, once Estate takes requests, the address to open (the port the web server really has). */
@Component
class ReadyLog {

    private static final Logger log = LoggerFactory.getLogger(ReadyLog.class);

    private final String contextPath;
    private final boolean https;

    ReadyLog(@Value("${server.servlet.context-path:}") String contextPath, @Value("${server.ssl.enabled:false}") boolean https) {
        this.contextPath = contextPath;
        this.https = https;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            log.info("Estate is ready at {}", address(web.getWebServer().getPort()));
        }
    }

    String address(int port) {
        return (https ? "https" : "http") + "://localhost:" + port + contextPath + "/";
    }
}
