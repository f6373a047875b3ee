package org.crmkit.examples;

import java.io.PrintStream;
import org.crmkit.inmemory.InMemoryStorage;

/**
 * Runs the examples: the sales story, lead conversion, and the account card. Run it with
 * {@code mvn -q -pl crm-examples -am compile exec:java}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    out.println("crmkit examples, on the in-memory storage");
    out.println();
    new SalesStory(out, InMemoryStorage.create()).run();
    new LeadConversionStory(out, InMemoryStorage.create()).run();
    new AccountCardStory(out, InMemoryStorage.create()).run();
  }
}
