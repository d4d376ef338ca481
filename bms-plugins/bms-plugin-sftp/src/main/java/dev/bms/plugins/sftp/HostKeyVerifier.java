package dev.bms.plugins.sftp;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Accepts the server only when its host key is the pinned fingerprint or is listed for this host
 * and port in the known-hosts file (re-read at every connection, so a rotated key is picked up
 * without a restart). Never learns keys. Why a key was refused is stored on the session, so the
 * connection can fail with that reason instead of the SSH library's generic one.
 */
final class HostKeyVerifier implements ServerKeyVerifier {
  /** The reason a host key was refused, set on the session that presented it. */
  static final AttributeKey<String> REFUSAL = new AttributeKey<>();

  // SSHD may clear a session's attributes while it closes after a failed key exchange, before the
  // caller's auth future fails: keep the reason here too so the caller can still name it.
  private final java.util.Map<ClientSession, String> refusals =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final HostKeyPolicy policy;
  private final String host;
  private final int port;

  HostKeyVerifier(HostKeyPolicy policy, String host, int port) {
    this.policy = policy;
    this.host = host;
    this.port = port;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    String presented = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
    String refusal;
    if (policy.fingerprint().isPresent()) {
      if (policy.fingerprint().get().equals(KeyUtils.getFingerPrint(serverKey))) {
        return true;
      }
      refusal = "host key of " + host + ":" + port + " is " + presented + ", not the pinned hostKeyFingerprint "
          + policy.fingerprint().get() + "; refusing to connect (a changed key may mean the server was replaced or "
          + "someone is intercepting the connection)";
    } else {
      refusal = checkKnownHosts(session, serverKey, presented);
      if (refusal == null) {
        return true;
      }
    }
    session.setAttribute(REFUSAL, refusal);
    refusals.put(session, refusal);
    return false;
  }

  /** Null when accepted, else why not. */
  private String checkKnownHosts(ClientSession session, PublicKey serverKey, String presented) {
    var file = policy.knownHosts().orElseThrow();
    List<KnownHostEntry> entries;
    try {
      entries = KnownHostEntry.readKnownHostEntries(file);
    } catch (IOException | RuntimeException e) {
      return "known_hosts file " + file + " is not readable (" + e.getMessage() + "); refusing host key "
          + presented + " of " + host + ":" + port;
    }
    List<String> listed = new ArrayList<>();
    for (KnownHostEntry entry : entries) {
      if (!entry.isHostMatch(host, port)) {
        continue;
      }
      PublicKey known;
      try {
        known = entry.getKeyEntry().resolvePublicKey(session, Map.of(), PublicKeyEntryResolver.IGNORING);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        continue; // an unreadable line proves nothing
      }
      if (known == null) {
        continue;
      }
      boolean revoked = "revoked".equalsIgnoreCase(String.valueOf(entry.getMarker()));
      if (KeyUtils.compareKeys(known, serverKey)) {
        if (revoked) {
          return "host key " + presented + " of " + host + ":" + port + " is marked @revoked in " + file;
        }
        return null;
      }
      listed.add(KeyUtils.getKeyType(known) + " " + KeyUtils.getFingerPrint(known));
    }
    if (listed.isEmpty()) {
      return "host key " + presented + " of " + host + ":" + port + " is unknown: " + file + " has no entry for "
          + (port == 22 ? host : "[" + host + "]:" + port) + "; check the fingerprint with the server's "
          + "administrator, then add the line 'ssh-keyscan -p " + port + " " + host + "' prints";
    }
    return "host key of " + host + ":" + port + " CHANGED: the server presented " + presented + " but " + file
        + " lists " + String.join(", ", listed) + "; refusing to connect";
  }

  /** The reason this verifier refused the session's host key, or null when it did not refuse it. */
  String refusal(ClientSession session) {
    String refusal = refusals.remove(session);
    return refusal != null ? refusal : session.getAttribute(REFUSAL);
  }
}
