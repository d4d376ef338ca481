/** The {@code "sftp"} backup target, on Apache MINA SSHD's SFTP client. */
package dev.bms.plugins.sftp;
