package org.bsnn.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one config key: meaning, unit and range. Shown by {@code bsnn plugins --config ID}. Put
 * it on record components, e.g. {@code @Doc("percentile of activations, in (0, 100]") double
 * percentile}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
public @interface Doc {
  /** The documentation text. */
  String value();
}
