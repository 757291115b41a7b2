// Package config holds govshare's configuration: the [Config] struct with its
// defaults, loaded from an optional YAML file and GOVSHARE_* environment
// variables, and the operator's participants file, which declares the
// government bodies taking part and the repositories they share.
//
// Both loaders report every problem they find, not only the first, each with
// the file, line and column it comes from, as a [*ValidationError]. Nothing
// here touches the network: a participants file is checked for shape and
// plausibility, not for whether its repositories can be reached.
//
// It imports no other govshare package; the caller turns a
// [ParticipantsFile] into the registry's types.
package config
