package dev.bms.plugins.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP front for S3Mock, which accepts any credentials: requests whose SigV4
 * {@code Authorization} header names another access key id are answered as AWS answers them
 * (403 {@code InvalidAccessKeyId}); others are forwarded. It checks the key id, not the signature.
 */
final class CredentialCheckingProxy implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String upstream;
  private final String accessKeyId;

  CredentialCheckingProxy(String upstream, String accessKeyId) throws IOException {
    this.upstream = upstream;
    this.accessKeyId = accessKeyId;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.contains("Credential=" + accessKeyId + "/")) {
        byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InvalidAccessKeyId</Code>"
            + "<Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(403, head ? -1 : error.length);
        if (!head) {
          ex.getResponseBody().write(error);
        }
        return;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI().getRawPath()
              + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(h.getKey().toLowerCase())) {
          h.getValue().forEach(v -> request.header(h.getKey(), v));
        }
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      response.headers().map().forEach((k, v) -> {
        if (!NOT_FORWARDED.contains(k.toLowerCase()) && !k.startsWith(":")) {
          v.forEach(value -> ex.getResponseHeaders().add(k, value));
        }
      });
      boolean empty = ex.getRequestMethod().equals("HEAD") || response.body().length == 0;
      ex.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
      if (!empty) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
