package org.crmkit.pipeline;

/** Whether a sales stage is still open, or closes the opportunity as won or lost. */
public enum StageKind {
  OPEN,
  WON,
  LOST;

  public boolean isClosed() {
    return this != OPEN;
  }
}
