package org.lampyris.hal.modbus.profile;

/**
 * Turns the 16-bit registers of a value into its number in the profile's unit, and a number into registers: word
 * and byte order, the type, the scale or the named encoding. Register contents are ints 0-65535.
 */
public final class RegisterCodec {

    private RegisterCodec() {
    }

    /**
     * @param value where and how the value is kept
     * @param words the registers read, lowest address first ({@link ValueType#words()} of them)
     * @return the value in its unit; 1 or 0 for a bool
     */
    public static double decode(ProfileValue value, int[] words) {
        if (value.bit() >= 0) {
            return (swap(value, words[0]) >> value.bit() & 1) == 1 ? 1 : 0;
        }
        long raw = value.type().words() == 1 ? swap(value, words[0]) : combine(value, words);
        double number = switch (value.type()) {
            case UINT16, BOOL -> raw & 0xFFFF;
            case INT16 -> (short) raw;
            case UINT32 -> raw & 0xFFFFFFFFL;
            case INT32 -> (int) raw;
            case FLOAT32 -> Float.intBitsToFloat((int) raw);
        };
        if (ProfileReader.DALI_FADE_TIME.equals(value.encoding())) {
            return daliFadeSeconds((int) number);
        }
        if (ProfileReader.IEC61851_LETTER.equals(value.encoding())) {
            int letter = (int) number & 0xFF;
            return letter >= 'A' && letter <= 'F' ? letter - 'A' + 1 : 0;
        }
        return number * value.scale();
    }

    /**
     * @param value where and how the value is kept
     * @param number the value in its unit, already within the value's limits
     * @return the registers to write, lowest address first
     */
    public static int[] encode(ProfileValue value, double number) {
        long raw;
        if (ProfileReader.DALI_FADE_TIME.equals(value.encoding())) {
            raw = daliFadeCode(number);
        } else if (ProfileReader.IEC61851_LETTER.equals(value.encoding())) {
            raw = number >= 1 && number <= 6 ? 'A' + (long) number - 1 : 0;
        } else if (value.type() == ValueType.FLOAT32) {
            raw = Float.floatToIntBits((float) (number / value.scale())) & 0xFFFFFFFFL;
        } else {
            long n = Math.round(number / value.scale());
            raw = switch (value.type()) {
                case UINT16, BOOL -> Math.max(0, Math.min(0xFFFF, n));
                case INT16 -> Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, n)) & 0xFFFF;
                case UINT32 -> Math.max(0, Math.min(0xFFFFFFFFL, n));
                default -> Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)) & 0xFFFFFFFFL;
            };
        }
        if (value.type().words() == 1) {
            return new int[] { swap(value, (int) raw) };
        }
        int high = swap(value, (int) (raw >>> 16 & 0xFFFF));
        int low = swap(value, (int) (raw & 0xFFFF));
        return value.lowWordFirst() ? new int[] { low, high } : new int[] { high, low };
    }

    /** @return the seconds of a DALI fade time code: 0 is no fade, n is 0.5 * sqrt(2^n) s (0.7 s to 90.5 s) */
    public static double daliFadeSeconds(int code) {
        if (code <= 0) {
            return 0;
        }
        return Math.round(0.5 * Math.sqrt(Math.pow(2, Math.min(code, 15))) * 10) / 10.0;
    }

    /** @return the DALI fade time code nearest to a fade of this many seconds */
    public static int daliFadeCode(double seconds) {
        int best = 0;
        for (int code = 1; code <= 15; code++) {
            if (Math.abs(daliFadeSeconds(code) - seconds) < Math.abs(daliFadeSeconds(best) - seconds)) {
                best = code;
            }
        }
        return best;
    }

    private static long combine(ProfileValue value, int[] words) {
        int first = swap(value, words[0]);
        int second = swap(value, words[1]);
        int high = value.lowWordFirst() ? second : first;
        int low = value.lowWordFirst() ? first : second;
        return ((long) high << 16 | low) & 0xFFFFFFFFL;
    }

    private static int swap(ProfileValue value, int word) {
        word &= 0xFFFF;
        return value.littleEndianBytes() ? (word & 0xFF) << 8 | word >>> 8 : word;
    }
}
