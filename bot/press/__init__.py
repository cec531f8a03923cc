"""The press centre: accreditation, releases, quote requests, the quote bank."""
