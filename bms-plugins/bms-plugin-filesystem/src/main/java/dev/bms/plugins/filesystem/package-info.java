/**
 * The filesystem plugin: the {@code "filesystem"} backup target (a local disk or a mounted share)
 * and the {@code "directory"} backup source. Found by {@link java.util.ServiceLoader} through
 * {@link dev.bms.plugins.filesystem.FilesystemPlugin}; everything else is package-private.
 */
package dev.bms.plugins.filesystem;
