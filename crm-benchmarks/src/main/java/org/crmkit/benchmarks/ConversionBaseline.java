package org.crmkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Text;

/**
 * A lead conversion written by hand over JDBC, doing what a crmkit conversion writes with the same look-ups first:
 * the lead by id; accounts by the match key (the same statement shape: tenant, normalised name or domain, in
 * creation order, at most 20); contacts by normalised e-mail; then, when the look-ups found nothing, an account, a
 * contact, an opportunity and its creation history row are inserted, the lead is marked converted (a versioned
 * update checked for one row) and a conversion record is inserted with the lead's values before. Every insert names
 * the columns crmkit's insert names. Leads are converted in the order given; {@link #convert} runs one transaction
 * for a list of leads with one {@link PreparedStatement} batch per table (the look-ups cannot be batched: each decides
 * what is written).
 */
final class ConversionBaseline {
  static final String TENANT = "default";
  /** The very statements crmkit sends (as Hibernate writes them), so that both sides ask the same of the server. */
  static final String SELECT_LEAD = "select le1_0.id,le1_0.email_normalized,le1_0.company,le1_0.converted_account_id,le1_0.converted_at,l"
      + "e1_0.converted_by,le1_0.converted_contact_id,le1_0.converted_opportunity_id,le1_0.created_at,le1_0.c"
      + "ustom_fields,le1_0.description,le1_0.email,le1_0.first_name,le1_0.industry,le1_0.last_name,le1_0.lea"
      + "d_source,le1_0.owner_id,le1_0.phone,le1_0.status,le1_0.title,le1_0.unqualified_reason,le1_0.updated_"
      + "at,le1_0.website,le1_0.tenant_id,le1_0.version from crm_lead le1_0 where le1_0.id=?";
  static final String SELECT_ACCOUNTS = "select ae1_0.id,ae1_0.created_at,ae1_0.updated_at,ae1_0.city,ae1_0.country,ae1_0.custom_fields,ae1_0"
      + ".description,ae1_0.email,ae1_0.industry,ae1_0.match_claim,ae1_0.match_domain,ae1_0.match_key_version"
      + ",ae1_0.name,ae1_0.name_folded,ae1_0.name_normalized,ae1_0.owner_id,ae1_0.phone,ae1_0.segments,ae1_0."
      + "tenant_id,ae1_0.version,ae1_0.website from crm_account ae1_0 where ae1_0.tenant_id=? and (ae1_0.matc"
      + "h_key_version is null or ae1_0.match_key_version<2 or ae1_0.name_normalized=? or ae1_0.match_domain="
      + "?) order by ae1_0.created_at,ae1_0.id offset ? rows fetch first ? rows only";
  static final String SELECT_CONTACTS = "select ce1_0.id,ce1_0.account_id,ce1_0.created_at,ce1_0.updated_at,ce1_0.custom_fields,ce1_0.descrip"
      + "tion,ce1_0.email,ce1_0.email_normalized,ce1_0.first_name,ce1_0.last_name,ce1_0.owner_id,ce1_0.phone,"
      + "ce1_0.tenant_id,ce1_0.title,ce1_0.version from crm_contact ce1_0 where ce1_0.tenant_id=? and ce1_0.e"
      + "mail_normalized=? order by ce1_0.created_at,ce1_0.id offset ? rows fetch first ? rows only";
  static final String INSERT_ACCOUNT = "insert into crm_account (created_at, updated_at, city, country, custom_fields,"
      + " description, email, industry, match_claim, match_domain, match_key_version, name, name_folded,"
      + " name_normalized, owner_id, phone, segments, tenant_id, version, website, id)"
      + " values (?, ?, null, null, null, null, null, null, ?, ?, 2, ?, ?, ?, ?, null, null, ?, 1, null, ?)";
  static final String INSERT_CONTACT = "insert into crm_contact (account_id, created_at, updated_at, custom_fields,"
      + " description, email, email_normalized, first_name, last_name, owner_id, phone, tenant_id, title, version, id)"
      + " values (?, ?, ?, null, null, ?, ?, ?, ?, ?, null, ?, null, 1, ?)";
  static final String INSERT_OPPORTUNITY = "insert into crm_opportunity (account_id, created_at, updated_at,"
      + " close_date, contact_id, custom_fields, description, lead_source, lost_reason, amount, currency, name,"
      + " next_step, owner_id, probability, probability_manual, segments, source_lead_id, stage, tenant_id, version,"
      + " id) values (?, ?, ?, null, ?, null, null, ?, null, null, null, ?, null, ?, ?, false, null, ?, ?, ?, 1, ?)";
  static final String INSERT_HISTORY = "insert into crm_stage_history (changed_at, changed_by, close_date, kind,"
      + " amount, currency, opportunity_id, origin, previous_close_date, previous_amount, previous_currency,"
      + " previous_stage, probability, probability_manual, stage, tenant_id, version, id)"
      + " values (?, ?, null, 'CREATED', null, null, ?, 'LEAD_CONVERSION', null, null, null, null, ?, false, ?, ?, 1,"
      + " ?)";
  static final String UPDATE_LEAD = "update crm_lead set status = ?, converted_account_id = ?, converted_at = ?,"
      + " converted_by = ?, converted_contact_id = ?, converted_opportunity_id = ?, updated_at = ?,"
      + " version = version + 1 where id = ? and version = ?";
  static final String INSERT_RECORD = "insert into crm_conversion_record (account_action, account_disposition,"
      + " account_record_id, account_version_after, account_fills, automatic, contact_action, contact_disposition,"
      + " contact_record_id, contact_version_after, contact_fills, converted_at, converted_by, lead_company,"
      + " lead_converted_account_id, lead_converted_at, lead_converted_by, lead_converted_contact_id,"
      + " lead_converted_opportunity_id, lead_created_at, lead_custom_fields, lead_description, lead_email,"
      + " lead_first_name, lead_industry, lead_last_name, lead_lead_source, lead_owner_id, lead_phone, lead_status,"
      + " lead_title, lead_unqualified_reason, lead_updated_at, lead_website, lead_id, lead_version,"
      + " opportunity_action, opportunity_disposition, opportunity_record_id, opportunity_version_after, policy_id,"
      + " policy_version, rule_id, tenant_id, undone_at, undone_by, version, id) values ('MATCH_OR_CREATE', 'CREATED',"
      + " ?, 1, null, false, 'MATCH_OR_CREATE', 'CREATED', ?, 1, null, ?, ?, ?, null, null, null, null, null, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREATE', 'CREATED', ?, 1, 'default', 1, null, ?, null, null,"
      + " 1, ?)";

  private final DataSource dataSource;
  private final String convertedStatus;
  private final String stage;
  private final int probability;
  private final String user;

  ConversionBaseline(DataSource dataSource, Pipeline pipeline, String user) {
    this.dataSource = dataSource;
    this.convertedStatus = pipeline.convertedLeadStatus().key();
    this.stage = pipeline.firstOpenStage().key();
    this.probability = pipeline.firstOpenStage().defaultProbability().percent();
    this.user = user;
  }

  /** The prepared statements of one transaction. */
  private static final class Statements implements AutoCloseable {
    final PreparedStatement lead;
    final PreparedStatement accounts;
    final PreparedStatement contacts;
    final PreparedStatement account;
    final PreparedStatement contact;
    final PreparedStatement opportunity;
    final PreparedStatement history;
    final PreparedStatement update;
    final PreparedStatement record;

    Statements(Connection c) throws SQLException {
      lead = c.prepareStatement(SELECT_LEAD);
      accounts = c.prepareStatement(SELECT_ACCOUNTS);
      contacts = c.prepareStatement(SELECT_CONTACTS);
      account = c.prepareStatement(INSERT_ACCOUNT);
      contact = c.prepareStatement(INSERT_CONTACT);
      opportunity = c.prepareStatement(INSERT_OPPORTUNITY);
      history = c.prepareStatement(INSERT_HISTORY);
      update = c.prepareStatement(UPDATE_LEAD);
      record = c.prepareStatement(INSERT_RECORD);
    }

    void executeBatches() throws SQLException {
      account.executeBatch();
      contact.executeBatch();
      opportunity.executeBatch();
      history.executeBatch();
      for (int n : update.executeBatch()) {
        if (n != 1) {
          throw new IllegalStateException("a lead changed while it was converted");
        }
      }
      record.executeBatch();
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s : List.of(lead, accounts, contacts, account, contact, opportunity, history, update,
          record)) {
        s.close();
      }
    }
  }

  /**
   * Converts {@code leads} in one transaction, the writes in one JDBC batch per table.
   *
   * @return how many were converted (a lead already converted, or whose company or e-mail exists, is skipped)
   */
  int convert(List<UUID> leads) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statements s = new Statements(c)) {
        int n = 0;
        for (UUID id : leads) {
          n += convert(s, id) ? 1 : 0;
        }
        s.executeBatches();
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private boolean convert(Statements s, UUID leadId) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    s.lead.setObject(1, leadId);
    try (ResultSet lead = s.lead.executeQuery()) {
      if (!lead.next() || lead.getString("converted_at") != null) {
        return false;
      }
      String company = lead.getString("company");
      String email = lead.getString("email");
      AccountMatchKey key = AccountMatchKey.of(company, EmailAddress.of(email), lead.getString("website"));
      s.accounts.setString(1, TENANT);
      s.accounts.setString(2, key.normalizedName());
      s.accounts.setString(3, key.domain());
      s.accounts.setInt(4, 0);
      s.accounts.setInt(5, 20);
      try (ResultSet found = s.accounts.executeQuery()) {
        if (found.next()) {
          return false; // a candidate: the benchmark's leads are all new companies
        }
      }
      String emailNormalized = email.toLowerCase(Locale.ROOT);
      s.contacts.setString(1, TENANT);
      s.contacts.setString(2, emailNormalized);
      s.contacts.setInt(3, 0);
      s.contacts.setInt(4, 20);
      try (ResultSet found = s.contacts.executeQuery()) {
        if (found.next()) {
          return false;
        }
      }
      String owner = lead.getString("owner_id");
      UUID account = UUID.randomUUID();
      UUID contact = UUID.randomUUID();
      UUID opportunity = UUID.randomUUID();
      PreparedStatement a = s.account;
      a.setObject(1, now);
      a.setObject(2, now);
      a.setString(3, key.normalizedName());
      a.setString(4, key.domain());
      a.setString(5, company);
      a.setString(6, Text.fold(company));
      a.setString(7, key.normalizedName());
      a.setString(8, owner);
      a.setString(9, TENANT);
      a.setObject(10, account);
      a.addBatch();
      PreparedStatement ct = s.contact;
      ct.setObject(1, account);
      ct.setObject(2, now);
      ct.setObject(3, now);
      ct.setString(4, email);
      ct.setString(5, emailNormalized);
      ct.setString(6, lead.getString("first_name"));
      ct.setString(7, lead.getString("last_name"));
      ct.setString(8, owner);
      ct.setString(9, TENANT);
      ct.setObject(10, contact);
      ct.addBatch();
      PreparedStatement o = s.opportunity;
      o.setObject(1, account);
      o.setObject(2, now);
      o.setObject(3, now);
      o.setObject(4, contact);
      o.setString(5, lead.getString("lead_source"));
      o.setString(6, company);
      o.setString(7, owner);
      o.setInt(8, probability);
      o.setObject(9, leadId);
      o.setString(10, stage);
      o.setString(11, TENANT);
      o.setObject(12, opportunity);
      o.addBatch();
      PreparedStatement h = s.history;
      h.setObject(1, now);
      h.setString(2, user);
      h.setObject(3, opportunity);
      h.setInt(4, probability);
      h.setString(5, stage);
      h.setString(6, TENANT);
      h.setObject(7, UUID.randomUUID());
      h.addBatch();
      long version = lead.getLong("version");
      PreparedStatement u = s.update;
      u.setString(1, convertedStatus);
      u.setObject(2, account);
      u.setObject(3, now);
      u.setString(4, user);
      u.setObject(5, contact);
      u.setObject(6, opportunity);
      u.setObject(7, now);
      u.setObject(8, leadId);
      u.setLong(9, version);
      u.addBatch();
      PreparedStatement r = s.record;
      int i = 1;
      r.setObject(i++, account);
      r.setObject(i++, contact);
      r.setObject(i++, now);
      r.setString(i++, user);
      r.setString(i++, company);
      r.setObject(i++, lead.getObject("created_at"));
      r.setString(i++, lead.getString("custom_fields"));
      r.setString(i++, lead.getString("description"));
      r.setString(i++, email);
      r.setString(i++, lead.getString("first_name"));
      r.setString(i++, lead.getString("industry"));
      r.setString(i++, lead.getString("last_name"));
      r.setString(i++, lead.getString("lead_source"));
      r.setString(i++, owner);
      r.setString(i++, lead.getString("phone"));
      r.setString(i++, lead.getString("status"));
      r.setString(i++, lead.getString("title"));
      r.setString(i++, lead.getString("unqualified_reason"));
      r.setObject(i++, lead.getObject("updated_at"));
      r.setString(i++, lead.getString("website"));
      r.setObject(i++, leadId);
      r.setLong(i++, version);
      r.setObject(i++, opportunity);
      r.setString(i++, TENANT);
      r.setObject(i, UUID.randomUUID());
      r.addBatch();
      return true;
    }
  }
}
