package org.crmkit.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.crmkit.forecast.AmountChangePolicy;
import org.crmkit.shared.ConfigurationException;

/**
 * The pipeline configuration: ordered sales stages and ordered lead statuses, and the {@link PipelineMode}.
 * Immutable and thread-safe. Build one with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Invariants, checked when built: at least one open, one won and one lost stage; at least one open lead
 * status, one converted and one unqualified status; keys unique; in split mode no marketing sales stage.
 */
public final class Pipeline {
  private final PipelineMode mode;
  private final List<SalesStage> stages;
  private final List<LeadStatus> leadStatuses;
  private final AmountChangePolicy forecastOnAmountChange;

  private Pipeline(
      PipelineMode mode,
      List<SalesStage> stages,
      List<LeadStatus> leadStatuses,
      AmountChangePolicy forecastOnAmountChange) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.forecastOnAmountChange = Objects.requireNonNull(forecastOnAmountChange, "forecastOnAmountChange");
    this.stages = List.copyOf(stages);
    this.leadStatuses = List.copyOf(leadStatuses);
    check();
  }

  /**
   * The default pipeline in {@link PipelineMode#SPLIT_LEADS_AND_OPPORTUNITIES}, the common shape of a B2B sales
   * process where prospecting happens on leads and only qualified interest becomes an opportunity.
   *
   * <table>
   *   <caption>Lead statuses (where prospecting happens)</caption>
   *   <tr><th>key</th><th>name</th><th>kind</th></tr>
   *   <tr><td>new</td><td>New</td><td>open: where new leads start</td></tr>
   *   <tr><td>contacted</td><td>Contacted</td><td>open</td></tr>
   *   <tr><td>nurturing</td><td>Nurturing</td><td>open</td></tr>
   *   <tr><td>qualified</td><td>Qualified</td><td>qualified: ready to convert</td></tr>
   *   <tr><td>unqualified</td><td>Unqualified</td><td>unqualified: needs a reason</td></tr>
   *   <tr><td>converted</td><td>Converted</td><td>converted: reached only by conversion</td></tr>
   * </table>
   *
   * <table>
   *   <caption>Sales stages (the opportunity's pipeline), with default probability and forecast category</caption>
   *   <tr><th>key</th><th>name</th><th>probability</th><th>forecast category</th></tr>
   *   <tr><td>qualification</td><td>Qualification</td><td>10%</td><td>pipeline (where new ones start)</td></tr>
   *   <tr><td>needs_analysis</td><td>Needs Analysis</td><td>20%</td><td>pipeline</td></tr>
   *   <tr><td>proposal</td><td>Proposal</td><td>50%</td><td>best case</td></tr>
   *   <tr><td>negotiation</td><td>Negotiation</td><td>80%</td><td>commit</td></tr>
   *   <tr><td>closed_won</td><td>Closed Won</td><td>100%</td><td>closed</td></tr>
   *   <tr><td>closed_lost</td><td>Closed Lost</td><td>0%</td><td>omitted</td></tr>
   * </table>
   *
   * <p>There is no "Prospecting" sales stage on purpose: in this mode prospecting is the lead's job (its open
   * statuses), so an opportunity starts at Qualification. {@link #wholePipelineDefaults()} is the mode without
   * separate leads, where Prospecting and Marketing Qualified are the opportunity's first (marketing) stages.
   * Hosts that want other stages build their own pipeline with {@link #builder()}.
   */
  public static Pipeline defaults() {
    return builder()
        .mode(PipelineMode.SPLIT_LEADS_AND_OPPORTUNITIES)
        .leadStatus(LeadStatus.of("new", "New", LeadStatusKind.OPEN))
        .leadStatus(LeadStatus.of("contacted", "Contacted", LeadStatusKind.OPEN))
        .leadStatus(LeadStatus.of("nurturing", "Nurturing", LeadStatusKind.OPEN))
        .leadStatus(LeadStatus.of("qualified", "Qualified", LeadStatusKind.QUALIFIED))
        .leadStatus(LeadStatus.of("unqualified", "Unqualified", LeadStatusKind.UNQUALIFIED))
        .leadStatus(LeadStatus.of("converted", "Converted", LeadStatusKind.CONVERTED))
        .stage(SalesStage.open("qualification", "Qualification", 10, ForecastCategory.PIPELINE))
        .stage(SalesStage.open("needs_analysis", "Needs Analysis", 20, ForecastCategory.PIPELINE))
        .stage(SalesStage.open("proposal", "Proposal", 50, ForecastCategory.BEST_CASE))
        .stage(SalesStage.open("negotiation", "Negotiation", 80, ForecastCategory.COMMIT))
        .stage(SalesStage.won("closed_won", "Closed Won"))
        .stage(SalesStage.lost("closed_lost", "Closed Lost"))
        .build();
  }

  /**
   * The default pipeline in {@link PipelineMode#WHOLE_PIPELINE_IN_OPPORTUNITIES}, where the opportunity carries the
   * whole funnel: the marketing stages {@code prospecting} (Prospecting, 5%) and {@code marketing_qualified}
   * (Marketing Qualified, 10%, in place of Qualification), then the sales stages of {@link #defaults()} from Needs
   * Analysis on (Needs Analysis 20%, Proposal 50%, Negotiation 80%, Closed Won, Closed Lost). Lead statuses are
   * only New, Qualified, Unqualified and Converted.
   */
  public static Pipeline wholePipelineDefaults() {
    return builder()
        .mode(PipelineMode.WHOLE_PIPELINE_IN_OPPORTUNITIES)
        .leadStatus(LeadStatus.of("new", "New", LeadStatusKind.OPEN))
        .leadStatus(LeadStatus.of("qualified", "Qualified", LeadStatusKind.QUALIFIED))
        .leadStatus(LeadStatus.of("unqualified", "Unqualified", LeadStatusKind.UNQUALIFIED))
        .leadStatus(LeadStatus.of("converted", "Converted", LeadStatusKind.CONVERTED))
        .stage(SalesStage.marketing("prospecting", "Prospecting", 5))
        .stage(SalesStage.marketing("marketing_qualified", "Marketing Qualified", 10))
        .stage(SalesStage.open("needs_analysis", "Needs Analysis", 20, ForecastCategory.PIPELINE))
        .stage(SalesStage.open("proposal", "Proposal", 50, ForecastCategory.BEST_CASE))
        .stage(SalesStage.open("negotiation", "Negotiation", 80, ForecastCategory.COMMIT))
        .stage(SalesStage.won("closed_won", "Closed Won"))
        .stage(SalesStage.lost("closed_lost", "Closed Lost"))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public PipelineMode mode() {
    return mode;
  }

  /**
   * @return what happens to an opportunity's billing forecast when its amount changes; default
   *     {@link AmountChangePolicy#KEEP_AND_FLAG}
   */
  public AmountChangePolicy forecastOnAmountChange() {
    return forecastOnAmountChange;
  }

  /** @return a copy of this pipeline with another billing forecast policy for amount changes */
  public Pipeline withForecastOnAmountChange(AmountChangePolicy policy) {
    return new Pipeline(mode, stages, leadStatuses, Objects.requireNonNull(policy, "policy"));
  }

  /** @return the sales stages in pipeline order */
  public List<SalesStage> stages() {
    return stages;
  }

  /** @return the lead statuses in lifecycle order */
  public List<LeadStatus> leadStatuses() {
    return leadStatuses;
  }

  public Optional<SalesStage> findStage(String key) {
    return Optional.ofNullable(stageOrNull(key));
  }

  /**
   * @throws UnknownStageException when no stage has the key
   */
  public SalesStage stage(String key) {
    SalesStage stage = stageOrNull(key);
    if (stage == null) {
      throw new UnknownStageException("sales stage", key, stageKeys());
    }
    return stage;
  }

  /** A loop rather than a stream: every opportunity written looks its stage up. */
  private SalesStage stageOrNull(String key) {
    for (SalesStage stage : stages) {
      if (stage.key().equals(key)) {
        return stage;
      }
    }
    return null;
  }

  /** @return the position of the stage in pipeline order, 0-based */
  public int order(String stageKey) {
    return stages.indexOf(stage(stageKey));
  }

  /** @return the first open stage: where new opportunities start unless told otherwise */
  public SalesStage firstOpenStage() {
    return stages.stream().filter(SalesStage::isOpen).findFirst().orElseThrow();
  }

  /** @return the first won stage */
  public SalesStage wonStage() {
    return stages.stream().filter(s -> s.kind() == StageKind.WON).findFirst().orElseThrow();
  }

  /** @return the first lost stage */
  public SalesStage lostStage() {
    return stages.stream().filter(s -> s.kind() == StageKind.LOST).findFirst().orElseThrow();
  }

  public Optional<LeadStatus> findLeadStatus(String key) {
    // a loop, not a stream: every conversion asks (twice)
    for (LeadStatus s : leadStatuses) {
      if (s.key().equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws UnknownStageException when no lead status has the key
   */
  public LeadStatus leadStatus(String key) {
    return findLeadStatus(key)
        .orElseThrow(
            () -> new UnknownStageException("lead status", key, leadStatuses.stream().map(LeadStatus::key).toList()));
  }

  /** @return the first open lead status: where new leads start */
  public LeadStatus initialLeadStatus() {
    return firstOfKind(LeadStatusKind.OPEN);
  }

  /** @return the first status flagged converted */
  public LeadStatus convertedLeadStatus() {
    return firstOfKind(LeadStatusKind.CONVERTED);
  }

  /** @return the first unqualified status */
  public LeadStatus unqualifiedLeadStatus() {
    return firstOfKind(LeadStatusKind.UNQUALIFIED);
  }

  private LeadStatus firstOfKind(LeadStatusKind kind) {
    for (LeadStatus s : leadStatuses) {
      if (s.kind() == kind) {
        return s;
      }
    }
    throw new NoSuchElementException("No value present"); // none of the kind: what the stream threw
  }

  private List<String> stageKeys() {
    return stages.stream().map(SalesStage::key).toList();
  }

  private void check() {
    List<String> problems = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (SalesStage s : stages) {
      if (!keys.add(s.key())) {
        problems.add("stage key " + s.key() + " appears twice");
      }
      if (s.marketing() && mode == PipelineMode.SPLIT_LEADS_AND_OPPORTUNITIES) {
        problems.add("stage " + s.key() + " is a marketing stage, but in split mode marketing stages are lead statuses");
      }
    }
    Set<String> statusKeys = new HashSet<>();
    for (LeadStatus s : leadStatuses) {
      if (!statusKeys.add(s.key())) {
        problems.add("lead status key " + s.key() + " appears twice");
      }
    }
    for (StageKind kind : StageKind.values()) {
      if (stages.stream().noneMatch(s -> s.kind() == kind)) {
        problems.add("no " + kind + " sales stage");
      }
    }
    for (LeadStatusKind kind : List.of(LeadStatusKind.OPEN, LeadStatusKind.UNQUALIFIED, LeadStatusKind.CONVERTED)) {
      if (leadStatuses.stream().noneMatch(s -> s.kind() == kind)) {
        problems.add("no " + kind + " lead status");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid pipeline: " + String.join("; ", problems));
    }
  }

  /** Builds a {@link Pipeline}; stages and statuses keep the order in which they are added. Not thread-safe. */
  public static final class Builder {
    private PipelineMode mode = PipelineMode.SPLIT_LEADS_AND_OPPORTUNITIES;
    private final List<SalesStage> stages = new ArrayList<>();
    private final List<LeadStatus> statuses = new ArrayList<>();
    private AmountChangePolicy forecastOnAmountChange = AmountChangePolicy.KEEP_AND_FLAG;

    private Builder() {}

    /**
     * What happens to an opportunity's billing forecast when its amount changes. Default:
     * {@link AmountChangePolicy#KEEP_AND_FLAG}.
     */
    public Builder forecastOnAmountChange(AmountChangePolicy policy) {
      this.forecastOnAmountChange = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder mode(PipelineMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder stage(SalesStage stage) {
      stages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    public Builder leadStatus(LeadStatus status) {
      statuses.add(Objects.requireNonNull(status, "status"));
      return this;
    }

    /**
     * @throws ConfigurationException when the invariants listed on {@link Pipeline} do not hold
     */
    public Pipeline build() {
      return new Pipeline(mode, stages, statuses, forecastOnAmountChange);
    }
  }
}
