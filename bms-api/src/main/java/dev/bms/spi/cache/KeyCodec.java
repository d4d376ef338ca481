package dev.bms.spi.cache;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the typed keys of a {@link KeyedCache} into text and back. A cache provider calls it only
 * when a key has to leave the JVM (an invalidation message to the other instances) or arrives from
 * another instance, never on a read: a hit looks the key up as it is.
 *
 * <p>{@code decode(encode(key))} must equal {@code key}, and {@code encode} must give equal keys
 * equal text on every instance.
 *
 * @param <K> key type
 * @since 0.1.0
 */
public interface KeyCodec<K> {

  /** The key as text, as sent to other instances. */
  String encode(K key);

  /**
   * The key a text came from.
   *
   * @throws IllegalArgumentException (or another runtime exception) when the text is no key of this
   *     codec; the provider then drops its whole cache rather than keep what may be stale
   */
  K decode(String text);

  /** The codec of string keys: the key is its own text. */
  static KeyCodec<String> identity() {
    return of(Function.identity(), Function.identity());
  }

  /** A codec from two functions, e.g. {@code KeyCodec.of(JobId::toString, JobId::parse)}. */
  static <K> KeyCodec<K> of(Function<? super K, String> encode, Function<String, ? extends K> decode) {
    Objects.requireNonNull(encode, "encode");
    Objects.requireNonNull(decode, "decode");
    return new KeyCodec<>() {
      @Override
      public String encode(K key) {
        return encode.apply(key);
      }

      @Override
      public K decode(String text) {
        return decode.apply(text);
      }
    };
  }
}
