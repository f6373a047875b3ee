package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Optional;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadChanged;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

/**
 * The write path of leads (see {@link RecordWriter}): custom fields are checked against the schema when they
 * change; a converted lead cannot be deleted.
 */
final class LeadWriter extends RecordWriter<Lead, LeadId, LeadSnapshot> {

  LeadWriter(Context ctx) {
    super(ctx, RecordType.LEAD);
  }

  @Override
  Optional<Lead> find(LeadId id) {
    return ctx.storage().leads().findById(id);
  }

  @Override
  Lead store(Lead record) {
    return ctx.storage().leads().save(record);
  }

  @Override
  void remove(LeadId id, long version) {
    ctx.storage().leads().delete(id, version);
  }

  @Override
  LeadSnapshot snapshot(Lead record) {
    return record.snapshot();
  }

  @Override
  LeadId idOf(Lead record) {
    return record.id();
  }

  @Override
  long versionOf(Lead record) {
    return record.version();
  }

  @Override
  UserId ownerOf(Lead record) {
    return record.owner();
  }

  @Override
  RecordChanged<LeadSnapshot> event(
      ChangeKind kind, ChangeOrigin origin, LeadSnapshot before, LeadSnapshot after, Instant at, Actor actor) {
    return new LeadChanged(kind, origin, before, after, at, actor);
  }

  @Override
  void beforeSave(Actor actor, Access.Sight sight, LeadSnapshot before, Lead record) {
    if (before == null || !before.customFields().equals(record.customFields())) {
      ctx.customFields().validate(RecordType.LEAD, record.customFields());
    }
  }

  @Override
  void beforeDelete(Actor actor, Lead lead) {
    if (lead.isConverted()) {
      throw new RecordReadOnlyException(
          "lead " + lead.id() + " is converted and read-only; undo the conversion before deleting it");
    }
  }
}
