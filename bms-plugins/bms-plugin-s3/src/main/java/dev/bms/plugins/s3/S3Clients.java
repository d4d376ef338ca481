package dev.bms.plugins.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client of one target from its settings. */
final class S3Clients {
  private S3Clients() {
  }

  static S3Client create(S3Settings s) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(s.region()))
        .forcePathStyle(s.pathStyle())
        .credentialsProvider(credentials(s))
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(s.connectTimeout())
            .socketTimeout(s.operationTimeout())
            .maxConnections(s.maxConnections()))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(s.operationTimeout()));
    s.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings s) {
    if (s.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    // the one place where the secrets go to the client library
    String id = s.accessKeyId().get().reveal();
    String secret = s.secretAccessKey().orElseThrow().reveal();
    return StaticCredentialsProvider.create(s.sessionToken()
        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t.reveal()))
        .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
  }
}
