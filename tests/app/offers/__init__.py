"""Tests of offers, advice slots, requests and the offer search."""
