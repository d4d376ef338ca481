package dev.bms.api.model;

/**
 * The kind of medium a target writes to; "2 media types" in 3-2-1-1-0 counts distinct values.
 *
 * @since 0.1.0
 */
public enum MediaType {
  /** A disk attached to the host. */
  LOCAL_DISK,
  /** NAS or SAN over the network (NFS, SMB, iSCSI). */
  NETWORK_SHARE,
  /** S3-compatible or other object storage. */
  OBJECT_STORAGE,
  /** Tape. */
  TAPE,
  /** Optical media. */
  OPTICAL,
  /** A remote host reached over SSH/SFTP or similar. */
  REMOTE_HOST,
  /** Anything else. */
  OTHER
}
