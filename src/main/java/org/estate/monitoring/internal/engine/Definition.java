package org.estate.monitoring.internal.engine;

import org.estate.monitoring.internal.CheckDefinition;
import org.estate.monitoring.internal.probe.Prober;

/** A check's definition with its prober (null for a type whose results are pushed: nothing to run). */
record Definition(CheckDefinition check, Prober prober) {
}
