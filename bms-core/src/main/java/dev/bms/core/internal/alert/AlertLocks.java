package dev.bms.core.internal.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by fingerprint: within one instance, one problem's alert is changed by one thread at
 * a time (across instances, the database's one-open-alert-per-fingerprint index decides).
 */
final class AlertLocks {
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  AlertLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  ReentrantLock stripe(String fingerprint) {
    return stripes[index(fingerprint)];
  }

  private int index(String fingerprint) {
    return Math.floorMod(fingerprint.hashCode(), stripes.length);
  }

  /** Locks the stripes of the conditions' fingerprints, in index order (so two batches cannot deadlock). */
  List<ReentrantLock> lock(List<Condition> conditions) {
    TreeSet<Integer> indexes = new TreeSet<>();
    conditions.forEach(c -> indexes.add(index(c.fingerprint())));
    List<ReentrantLock> held = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      stripes[i].lock();
      held.add(stripes[i]);
    }
    return held;
  }
}
