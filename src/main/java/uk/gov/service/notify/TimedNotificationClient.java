package uk.gov.service.notify;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

/**
 * GOV.UK Notify's client with connect and read timeouts: the official client (6.0) sets none, so a
 * Notify that accepts a connection and never answers would hold Estate's dispatcher for ever. It lives
 * in the client's package because the method that opens the connection is package-private. It is built
 * with the constructor that takes an SSL context (null), the one that leaves the JVM-wide default SSL
 * socket factory alone.
 */
public class TimedNotificationClient extends NotificationClient {

    private final int connectMillis;
    private final int readMillis;

    public TimedNotificationClient(String apiKey, String baseUrl, Duration connect, Duration read) {
        super(apiKey, baseUrl, null, null);
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
        this.readMillis = (int) Math.min(Integer.MAX_VALUE, read.toMillis());
    }

    @Override
    HttpURLConnection getConnection(URL url) throws IOException {
        HttpURLConnection connection = super.getConnection(url);
        connection.setConnectTimeout(connectMillis);
        connection.setReadTimeout(readMillis);
        return connection;
    }
}
