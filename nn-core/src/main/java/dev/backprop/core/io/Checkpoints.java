package dev.backprop.core.io;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.component.RandomStates;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import dev.backprop.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model after every epoch into a directory ({@code checkpoint-000012.bpz}, the number
 * being the epochs done), keeping the newest {@code keep}; {@link #latest} reads the newest back
 * to {@link FitOptions.Builder#resume resume} from. Each file is a {@link ModelFile}, written
 * atomically, with the optimizer's state, the next epoch and the shuffle stream's state in its
 * metadata.
 */
public final class Checkpoints implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{6,9})\\.bpz");

    private final Path directory;
    private final int keep;
    private final Map<String, Object> metadata;

    /**
     * @param directory where checkpoints go; created if missing
     * @param keep how many of the newest to keep, at least 1
     * @param metadata extra JSON values to save in each checkpoint (the run's settings)
     */
    public Checkpoints(Path directory, int keep, Map<String, Object> metadata) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        this.keep = keep;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public void onEpochEnd(EpochResult result, Model model) {
        int done = result.epoch() + 1;
        Map<String, Object> data = new LinkedHashMap<>(metadata);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("nextEpoch", done);
        NumpyRandom.State shuffle = model.shuffleState();
        if (shuffle != null) {
            progress.put("shuffle", RandomStates.toConfig(shuffle));
        }
        data.put("checkpoint", progress);
        Path file = directory.resolve(String.format(Locale.ROOT, "checkpoint-%06d.bpz", done));
        deleteLeftovers();
        ModelFile.save(model, file, data);
        LOG.debug("checkpoint {} written", file);
        List<Path> all = list(directory);
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                LOG.warn("could not delete the old checkpoint {}: {}", all.get(i), e.getMessage());
            }
        }
    }

    /** Removes the temporary files of saves that a killed process never finished. */
    private void deleteLeftovers() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, ".checkpoint-*.tmp")) {
            for (Path leftover : stream) {
                Files.deleteIfExists(leftover);
                LOG.debug("removed {}, left by an interrupted save", leftover);
            }
        } catch (IOException e) {
            LOG.warn("could not clean up {}: {}", directory, e.getMessage());
        }
    }

    /**
     * The newest checkpoint that loads; a newer one that does not (a foreign or damaged file) is
     * skipped with a warning.
     *
     * @param directory the checkpoint directory
     * @return where training stands, or empty if there is no usable checkpoint
     */
    public static Optional<Resume> latest(Path directory) {
        List<Path> all = list(directory);
        for (int i = all.size() - 1; i >= 0; i--) {
            Path file = all.get(i);
            try {
                ModelFile.Contents contents = ModelFile.read(file);
                return Optional.of(resume(contents, file));
            } catch (ModelFileException e) {
                LOG.warn("skipping the checkpoint {}: {}", file, e.getMessage());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Resume resume(ModelFile.Contents contents, Path file) {
        if (!(contents.metadata().get("checkpoint") instanceof Map)) {
            throw new ModelFileException(file + " is a model file but not a checkpoint");
        }
        try {
            Config progress = new Config(file + ": checkpoint", (Map<String, Object>) contents.metadata().get("checkpoint"));
            int nextEpoch = (int) progress.integer("nextEpoch", 0, Integer.MAX_VALUE);
            NumpyRandom.State shuffle = progress.has("shuffle") ? RandomStates.fromConfig(progress.child("shuffle")) : null;
            return new Resume(contents.model(), nextEpoch, shuffle, file);
        } catch (ConfigException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }

    /** @return the checkpoint files in the directory, oldest first */
    private static List<Path> list(Path directory) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "checkpoint-*.bpz")) {
            for (Path file : stream) {
                if (NAME.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new ModelFileException("Cannot list the checkpoints in " + directory + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> Long.compare(epoch(a), epoch(b)));
        return files;
    }

    private static long epoch(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
