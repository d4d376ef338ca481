/** A clock tests move by hand: {@link dev.bms.testkit.time.MutableClock}. */
package dev.bms.testkit.time;
