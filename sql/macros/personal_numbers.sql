-- personal_numbers: macros that find the personal numbers export contract §6 redacts from free text, so that the
-- warehouse can look for any that got past it: an 18-character identity number with a valid ISO 7064 MOD 11-2 check
-- character, and an 11-digit mainland mobile number, each not part of a longer run of digits.
-- Temporary: they exist in the loader's session only, for the data checks and the rejects of older releases.
create or replace temporary macro has_identity_number(text) as len(list_filter(
    regexp_extract_all(text, '(?:^|[^0-9])([0-9]{17}[0-9Xx])(?:[^0-9]|$)', 1),
    lambda n: upper(n[18]) = substr('10X98765432', 1 + (list_sum(list_transform(range(17),
        lambda i: (ord(n[i + 1]) - 48) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1])) % 11)::integer, 1)
)) > 0;

create or replace temporary macro has_mobile_number(text) as
    regexp_matches(text, '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)');
