package org.estate.platform.backup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** POSTs for a backup over real HTTP and keeps the body as bytes (ApiClient reads text). */
final class BackupDownloads {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BackupDownloads() {
    }

    static HttpResponse<byte[]> post(int port, String bearerToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/backup"))
            .POST(HttpRequest.BodyPublishers.noBody());
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
