package org.estate.platform.web;

import org.estate.test.ApiClient;

/** An admin of the tests' own, with an API token: hostile requests never act on the shared admin. */
final class ApiClientTokens {

    private ApiClientTokens() {
    }

    static String adminToken(int port, String username) {
        ApiClient admin = ApiClient.admin(port);
        var user = admin.post("/api/v1/users", """
            {"username":"%s","displayName":"Edge robot","email":"%s@example.gov.uk","roles":["admin"],"password":"%s"}"""
            .formatted(username, username, ApiClient.PASSWORD));
        if (user.status() != 201 && user.status() != 409) {
            throw new IllegalStateException("Cannot create " + username + ": " + user);
        }
        var token = ApiClient.basic(port, username, ApiClient.PASSWORD).post("/api/v1/tokens", "{\"name\":\"edge\"}");
        if (token.status() != 201) {
            throw new IllegalStateException("Cannot create a token for " + username + ": " + token);
        }
        return token.json().get("token").asString();
    }
}
