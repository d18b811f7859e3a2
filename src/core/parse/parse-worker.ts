/**
 * Entry point of a parse worker thread, bundled as dist/parse-worker.js next to the CLI and the
 * action: it reads, parses and extracts the files the main thread sends it.
 */
import { serveAnalyses } from './serve-analyses.js';

serveAnalyses();
