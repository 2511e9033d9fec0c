package dev.backprop.examples.cli;

import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.ReduceOnPlateau;
import dev.backprop.optim.Schedules;
import java.util.Locale;

/**
 * {@code --schedule}: a learning-rate schedule in a few words. {@code constant}, {@code cosine}
 * (down to 0 over the run), {@code step:EVERY,GAMMA} (EVERY in epochs), {@code exponential:GAMMA}
 * (per epoch), {@code onecycle[:MAX]} (peak MAX, else 10 × the learning rate), {@code
 * plateau[:FACTOR,PATIENCE]} (on the validation loss), each after an optional {@code
 * warmup:STEPS,} prefix.
 */
final class ScheduleOption {

    private ScheduleOption() {}

    /**
     * @param text the option's value
     * @param learningRate the recipe's base rate
     * @param stepsPerEpoch the optimizer steps in an epoch
     * @param epochs the epochs of the run
     * @return the schedule
     * @throws UsageException for words it does not know
     */
    static LearningRateSchedule parse(String text, double learningRate, long stepsPerEpoch, int epochs) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        long total = stepsPerEpoch * epochs;
        try {
            if (spec.startsWith("warmup:")) {
                String[] parts = spec.substring(7).split(",", 2);
                if (parts.length < 2) {
                    throw new UsageException("--schedule warmup:STEPS,SCHEDULE, such as warmup:500,cosine");
                }
                long steps = Long.parseLong(parts[0].strip());
                String rest = parts[1].strip();
                if (rest.startsWith("cosine")) {
                    return new Schedules.Warmup(steps, 1.0 / 3, new Schedules.Cosine(Math.max(1, total - steps), 0));
                }
                return new Schedules.Warmup(steps, 1.0 / 3, parse(rest, learningRate, stepsPerEpoch, epochs));
            }
            String[] words = spec.split(":", 2);
            String[] args = words.length > 1 ? words[1].split(",") : new String[0];
            return switch (words[0]) {
                case "constant" -> new Schedules.Constant();
                case "cosine" -> new Schedules.Cosine(Math.max(1, total), 0);
                case "coslog" -> new Schedules.CosLog(Math.max(1, total), (int) number(args, 0, 4));
                case "step" -> new Schedules.Step(Math.max(1, (long) (number(args, 0, 10) * stepsPerEpoch)),
                        number(args, 1, 0.5));
                case "exponential" -> new Schedules.Exponential(Math.pow(number(args, 0, 0.95), 1.0 / stepsPerEpoch));
                case "onecycle" -> Schedules.OneCycle.of(number(args, 0, 10 * learningRate), Math.max(2, total));
                case "plateau" -> new ReduceOnPlateau(number(args, 0, 0.1), (int) number(args, 1, 10));
                default -> throw new UsageException("Unknown --schedule '" + text + "': use constant, cosine, coslog[:CYCLES], "
                        + "step:EPOCHS,GAMMA, exponential:GAMMA, onecycle[:MAX], plateau[:FACTOR,PATIENCE], "
                        + "each after an optional warmup:STEPS,");
            };
        } catch (NumberFormatException e) {
            throw new UsageException("--schedule '" + text + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--schedule '" + text + "': " + e.getMessage());
        }
    }

    private static double number(String[] args, int index, double otherwise) {
        return index < args.length && !args[index].isBlank() ? Double.parseDouble(args[index].strip()) : otherwise;
    }
}
