package dev.switchboard.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a part of the contract that may still change in a minor release: the compatibility
 * promise of {@link SpiVersion} does not cover it yet. Use it, but expect to adapt when you
 * upgrade; the API snapshot lists it with this mark so a reviewer sees which changes are allowed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Experimental {

    /** Why it is unstable or what is expected to change; may be empty. */
    String value() default "";
}
