/** The {@code "s3"} backup target with Object Lock, on the AWS SDK for Java v2. */
package dev.bms.plugins.s3;
