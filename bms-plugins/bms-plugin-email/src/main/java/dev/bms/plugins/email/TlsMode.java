package dev.bms.plugins.email;

/** How the SMTP connection is protected. */
enum TlsMode {
  /** Plain text. Only for a relay on a trusted network. */
  NONE,
  /** Plain connect, then STARTTLS; the send fails if the server does not offer it. */
  STARTTLS,
  /** TLS from the first byte (SMTPS, usually port 465). */
  SSL
}
