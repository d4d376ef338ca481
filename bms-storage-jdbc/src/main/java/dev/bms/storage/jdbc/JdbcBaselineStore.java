package dev.bms.storage.jdbc;

import dev.bms.api.model.JobId;
import dev.bms.spi.storage.BaselineStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link BaselineStore} on {@code bms_job_baseline}: one select, and one batch of upserts. */
final class JdbcBaselineStore implements BaselineStore {
  private final Transactions tx;

  JdbcBaselineStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Map<JobId, String> baselines(Collection<JobId> jobs) {
    Objects.requireNonNull(jobs, "jobs");
    if (jobs.isEmpty()) {
      return Map.of();
    }
    UuidArray ids = UuidArray.of(jobs.stream().map(JobId::value).toList());
    return tx.read("read anomaly baselines", s -> {
      Map<JobId, String> out = new HashMap<>();
      for (BaselineMapper.BaselineRow r : s.getMapper(BaselineMapper.class).selectBaselines(ids)) {
        out.put(new JobId(r.jobId), r.state);
      }
      return out;
    });
  }

  @Override
  public void putBaselines(Map<JobId, String> states) {
    Objects.requireNonNull(states, "states");
    states.forEach((id, state) -> {
      Objects.requireNonNull(id, "job id");
      Objects.requireNonNull(state, "state");
      if (state.length() > MAX_STATE_CHARS) {
        throw new IllegalArgumentException("baseline of job " + id + ": " + state.length() + " characters, at most "
            + MAX_STATE_CHARS);
      }
    });
    if (states.isEmpty()) {
      return;
    }
    tx.writeBatched("store anomaly baselines", null, s -> {
      BaselineMapper m = s.getMapper(BaselineMapper.class);
      states.forEach((id, state) -> m.putBaseline(id.value(), state));
      return null;
    });
  }
}
