package org.crmkit.json.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crmkit.application.ChangeLeadStatus;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.EditForecastLine;
import org.crmkit.application.EnterForecast;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.RepeatForecast;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.application.SplitForecast;
import org.crmkit.application.UpdateAccount;
import org.crmkit.application.UpdateContact;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.budget.BudgetLine;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.customfield.CustomValue;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

/**
 * The command documents, derived from the command records themselves so that a field added to a command is in its
 * document too: one property per record component, named as the component, in the component's JSON form.
 *
 * <ul>
 *   <li>A component the command's Javadoc marks {@code @NotNull}/{@code @NotBlank}, and a primitive number
 *       (a required version), is required; a primitive boolean is false when left out; the rest is optional.</li>
 *   <li>An update command ({@code UpdateLead}, ...) has no {@code changed} property: the properties present are the
 *       fields it changes. A field left out keeps its value, an explicit null clears it (or, for
 *       {@code probability}, returns it to the stage's default); a field that cannot be cleared (owner, an account's
 *       or opportunity's name, a contact's last name) refuses null with a message saying to leave it out.</li>
 *   <li>Custom field values are typed by the command's record type in the schema; a conversion's overrides by the
 *       target's field (standard fields by their type, {@code customFields.key} by the schema).</li>
 * </ul>
 */
final class Commands {

  private static final List<Class<? extends Record>> COMMANDS = List.of(
      CreateLead.class, UpdateLead.class, ChangeLeadStatus.class,
      CreateAccount.class, UpdateAccount.class,
      CreateContact.class, UpdateContact.class,
      CreateOpportunity.class, UpdateOpportunity.class, ChangeStage.class, WinOpportunity.class,
      LoseOpportunity.class, ReopenOpportunity.class,
      ConvertLead.class,
      EnterForecast.class, EditForecastLine.class, RepeatForecast.class, SplitForecast.class,
      SetBudgetMonths.class);

  private static final Map<Class<?>, Set<String>> NOT_CLEARABLE = Map.of(
      UpdateLead.class, Set.of("owner"),
      UpdateAccount.class, Set.of("owner", "name"),
      UpdateContact.class, Set.of("owner", "lastName"),
      UpdateOpportunity.class, Set.of("owner", "name"));

  private final Documents docs;
  private final Map<Class<?>, Shape> shapes = new java.util.HashMap<>();

  Commands(Documents docs) {
    this.docs = docs;
  }

  /** What reflection tells about a command, found once: its components, which are update fields, its constructor. */
  private record Shape(RecordComponent[] components, Enum<?>[] fields, boolean[] required, int changedAt,
      Constructor<?> constructor) {}

  private static Shape shape(Class<? extends Record> type) {
    RecordComponent[] components = type.getRecordComponents();
    Enum<?>[] fields = new Enum<?>[components.length];
    boolean[] required = new boolean[components.length];
    Class<?>[] types = new Class<?>[components.length];
    int changedAt = -1;
    for (int i = 0; i < components.length; i++) {
      fields[i] = field(type, components[i].getName());
      required[i] = required(components[i]);
      types[i] = components[i].getType();
      if (components[i].getName().equals("changed")) {
        changedAt = i;
      }
    }
    try {
      return new Shape(components, fields, required, changedAt, type.getDeclaredConstructor(types));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
    }
  }

  void defineAll() {
    for (Class<? extends Record> type : COMMANDS) {
      define(type);
    }
    docs.define(TargetChoice.class, Commands::targetChoice, Commands::readTargetChoice);
  }

  private <T extends Record> void define(Class<T> type) {
    shapes.put(type, shape(type));
    docs.define(type, value -> write(type, value), (tree, path) -> read(type, tree, path));
  }

  // --- writing --------------------------------------------------------------------------------------------------

  private Object write(Class<? extends Record> type, Record command) {
    Shape shape = shapes.get(type);
    Out out = Out.object();
    Set<?> changed = shape.changedAt() < 0 ? null : (Set<?>) get(shape.components()[shape.changedAt()], command);
    for (int i = 0; i < shape.components().length; i++) {
      if (i == shape.changedAt()) {
        continue;
      }
      RecordComponent c = shape.components()[i];
      Object value = get(c, command);
      Enum<?> field = shape.fields()[i];
      if (field != null) {
        if (changed != null && changed.contains(field)) {
          out.putNull(c.getName(), value == null ? null : json(value));
        }
      } else if (value != null) {
        out.put(c.getName(), json(value));
      }
    }
    return out.tree();
  }

  private static Object get(RecordComponent c, Record command) {
    try {
      return c.getAccessor().invoke(command);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + command.getClass().getSimpleName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private Object json(Object value) {
    if (value instanceof Map<?, ?> map) {
      // sorted: a command's maps may be unordered (Map.copyOf), and the same command must give the same text
      Map<String, Object> out = new java.util.TreeMap<>();
      map.forEach((k, v) -> {
        String key = k instanceof ConversionTarget t ? t.path() : (String) k;
        out.put(key, v instanceof Map<?, ?> inner
            ? new java.util.TreeMap<>(docs.customMap((Map<String, CustomValue>) inner)) : Out.simple(v));
      });
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        out.add(docs.write(item));
      }
      return out;
    }
    if (value instanceof TargetChoice choice) {
      return targetChoice(choice);
    }
    return Out.simple(value);
  }

  static Object targetChoice(TargetChoice choice) {
    return Out.object().put("action", choice.action()).put("existingId", choice.existingId()).tree();
  }

  static TargetChoice readTargetChoice(Object tree, String path) {
    In in = In.of(tree, path);
    ConversionAction action = in.constant("action", ConversionAction.class);
    var existingId = in.optUuid("existingId");
    in.end();
    return in.build(() -> new TargetChoice(action, existingId));
  }

  // --- reading --------------------------------------------------------------------------------------------------

  private <T extends Record> T read(Class<T> type, Object tree, String path) {
    In in = In.of(tree, path);
    Shape shape = shapes.get(type);
    RecordComponent[] components = shape.components();
    Object[] args = new Object[components.length];
    Set<Enum<?>> changed = new java.util.HashSet<>();
    for (int i = 0; i < components.length; i++) {
      if (i == shape.changedAt()) {
        continue;
      }
      RecordComponent c = components[i];
      String name = c.getName();
      Enum<?> field = shape.fields()[i];
      if (field != null) {
        if (!in.has(name)) {
          continue;
        }
        changed.add(field);
        Object raw = in.tree(name);
        if (raw == null) {
          if (NOT_CLEARABLE.getOrDefault(type, Set.of()).contains(name)) {
            throw In.error(in.at(name), "cannot be cleared; leave it out to keep the current value");
          }
        } else {
          args[i] = value(type, c.getGenericType(), raw, in.at(name));
        }
        continue;
      }
      Object raw = in.tree(name);
      if (raw == null) {
        if (shape.required()[i]) {
          throw In.error(in.at(name), in.has(name) ? "is required and cannot be null" : "is required");
        }
        args[i] = c.getType() == boolean.class ? Boolean.FALSE : null;
      } else {
        args[i] = value(type, c.getGenericType(), raw, in.at(name));
      }
    }
    in.end();
    if (shape.changedAt() >= 0) {
      args[shape.changedAt()] = changedSet(type, changed);
    }
    return type.cast(in.build(() -> construct(type, shape.constructor(), args)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Set<?> changedSet(Class<?> type, Set<Enum<?>> changed) {
    Class<? extends Enum> fieldType = fieldEnum(type);
    EnumSet set = EnumSet.noneOf(fieldType);
    set.addAll(changed);
    return set;
  }

  private static Object construct(Class<?> type, Constructor<?> constructor, Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot make a " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
    }
  }

  private static boolean required(RecordComponent c) {
    if (c.getType().isPrimitive()) {
      return c.getType() != boolean.class;
    }
    return c.getAccessor().isAnnotationPresent(NotNull.class) || c.getAccessor().isAnnotationPresent(NotBlank.class)
        || c.isAnnotationPresent(NotNull.class) || c.isAnnotationPresent(NotBlank.class);
  }

  private Object value(Class<?> command, Type type, Object raw, String path) {
    Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (c == String.class) {
      return In.asString(path, raw);
    }
    if (c == UserId.class) {
      return In.build(path, () -> UserId.of(In.asString(path, raw)));
    }
    if (c == LeadId.class) {
      return LeadId.of(In.asUuid(path, raw));
    }
    if (c == AccountId.class) {
      return AccountId.of(In.asUuid(path, raw));
    }
    if (c == ContactId.class) {
      return ContactId.of(In.asUuid(path, raw));
    }
    if (c == OpportunityId.class) {
      return OpportunityId.of(In.asUuid(path, raw));
    }
    if (c == Money.class) {
      return In.asMoney(path, raw);
    }
    if (c == Integer.class || c == int.class) {
      return In.asInt(path, raw);
    }
    if (c == Long.class || c == long.class) {
      return In.asLong(path, raw);
    }
    if (c == Boolean.class || c == boolean.class) {
      return In.asBoolean(path, raw);
    }
    if (c == LocalDate.class) {
      return In.asDate(path, raw);
    }
    if (c == YearMonth.class) {
      return In.asMonth(path, raw);
    }
    if (c == TargetChoice.class) {
      return readTargetChoice(raw, path);
    }
    if (c == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (item == ForecastLine.class) {
        return In.asList(path, raw, docs::readForecastLine);
      }
      if (item == BudgetLine.class) {
        return In.asList(path, raw, docs::readBudgetLine);
      }
    }
    if (c == Map.class) {
      Type[] args = ((ParameterizedType) type).getActualTypeArguments();
      if (args[0] == String.class && args[1] == String.class) {
        return In.asMap(path, raw, (v, p) -> In.asString(p, v), false);
      }
      if (args[0] == String.class && args[1] == CustomValue.class) {
        RecordType recordType = recordType(command);
        return In.asMap(path, raw, (v, p) -> docs.customValue(recordType, p.substring(path.length() + 1), v, p),
            false);
      }
      if (args[0] == ConversionTarget.class) {
        return docs.targetMap(raw, path, docs::readFieldValues);
      }
    }
    throw new IllegalStateException("no JSON form for " + type + " in " + command.getSimpleName());
  }

  private static RecordType recordType(Class<?> command) {
    String name = command.getSimpleName();
    for (RecordType t : List.of(RecordType.OPPORTUNITY, RecordType.ACCOUNT, RecordType.CONTACT, RecordType.LEAD)) {
      if (name.endsWith(t.label())) {
        return t;
      }
    }
    throw new IllegalStateException(name + " carries custom fields of no record type");
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Enum<?>> fieldEnum(Class<?> command) {
    for (Class<?> inner : command.getDeclaredClasses()) {
      if (inner.isEnum() && inner.getSimpleName().equals("Field")) {
        return (Class<? extends Enum<?>>) inner;
      }
    }
    return null;
  }

  /** The update command's field a component is, or null when the command has no fields or it is none of them. */
  private static Enum<?> field(Class<?> command, String component) {
    Class<? extends Enum<?>> fields = fieldEnum(command);
    if (fields == null) {
      return null;
    }
    for (Enum<?> f : fields.getEnumConstants()) {
      if (camel(f.name()).equals(component)) {
        return f;
      }
    }
    return null;
  }

  static String camel(String constant) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : constant.toLowerCase(Locale.ROOT).toCharArray()) {
      if (ch == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }

}
