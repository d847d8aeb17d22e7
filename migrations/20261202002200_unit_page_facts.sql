-- The one definition of what a unit's page did (issue 15), read by the channels report, the daily
-- stats, the silent-page alert and the monthly report section.
--
-- unit_page_posts — the page's own posts: top-level items (not comments) of a source that names a
-- unit; `at` = published_at, else collected_at. For a Facebook page these are the page's posts;
-- for an RSS feed or web page, its items.
--
-- unit_page_facts(from_at, to_at) — one row per (unit, page) over [from_at, to_at), and one row
-- with source_id NULL for a unit that names no page:
--   unit_id, unit_name, unit_kind, source_id, source_name, source_type, enabled
--   posts                 own posts with `at` in the period
--   last_post_at          the latest own post before to_at (it may be older than from_at); NULL: none
--   engagement            shares + reactions + comments of those posts (posts.engagement, kept current)
--   citizen_comments      top-level comments on the page (raw.kind = 'comment') in the period whose
--                         author is not the page (the page's author pseudonym is that of its posts)
--   answered_comments     those with a reply by the page in their thread (raw.reply_to = the
--                         comment), or a reply sent from langnghe (fanpage_replies, sent), after them
--   median_reply_minutes  median (percentile_cont) of wall-clock minutes from such a comment to the
--                         page's first reply, over the answered ones; NULL: none answered
CREATE VIEW unit_page_posts AS
SELECT p.id AS post_id, p.source_id, s.unit_id, COALESCE(p.published_at, p.collected_at) AS at, p.engagement, p.author_hash
FROM posts p
JOIN sources s ON s.id = p.source_id
WHERE s.unit_id IS NOT NULL AND s.type <> 'manual' AND p.parent_external_id IS NULL;

-- The page's own posts of one source in time order (reports, silence).
CREATE INDEX posts_source_own_at_idx ON posts (source_id, (COALESCE(published_at, collected_at))) WHERE parent_external_id IS NULL;

CREATE FUNCTION unit_page_facts(from_at timestamptz, to_at timestamptz)
RETURNS TABLE (
  unit_id bigint, unit_name text, unit_kind text, source_id bigint, source_name text, source_type text, enabled boolean,
  posts bigint, last_post_at timestamptz, engagement bigint, citizen_comments bigint, answered_comments bigint,
  median_reply_minutes double precision
)
LANGUAGE sql STABLE AS $$
  WITH pages AS (
    SELECT u.id AS unit_id, u.name AS unit_name, u.kind AS unit_kind, s.id AS source_id, s.name AS source_name, s.type AS source_type, s.enabled
    FROM units u
    LEFT JOIN sources s ON s.unit_id = u.id AND s.type <> 'manual'
  ), page_authors AS (
    SELECT DISTINCT o.source_id, o.author_hash FROM unit_page_posts o WHERE o.author_hash IS NOT NULL
  ), comments AS (
    SELECT c.id, c.source_id, c.external_id, c.parent_external_id, COALESCE(c.published_at, c.collected_at) AS at
    FROM posts c
    JOIN pages g ON g.source_id = c.source_id
    WHERE c.parent_external_id IS NOT NULL AND c.raw->>'kind' = 'comment'
      AND COALESCE(c.published_at, c.collected_at) >= from_at AND COALESCE(c.published_at, c.collected_at) < to_at
      AND NOT EXISTS (SELECT 1 FROM page_authors pa WHERE pa.source_id = c.source_id AND pa.author_hash = c.author_hash)
  ), replies AS (
    SELECT cm.source_id, cm.id,
      (SELECT min(x.at) FROM (
         SELECT COALESCE(r.published_at, r.collected_at) AS at
         FROM posts r
         WHERE r.source_id = cm.source_id AND r.parent_external_id = cm.parent_external_id AND r.raw->>'reply_to' = cm.external_id
           AND EXISTS (SELECT 1 FROM page_authors pa WHERE pa.source_id = r.source_id AND pa.author_hash = r.author_hash)
         UNION ALL
         SELECT fr.sent_at FROM fanpage_replies fr WHERE fr.post_id = cm.id AND fr.status = 'sent'
       ) x WHERE x.at >= cm.at) AS first_reply_at,
      cm.at
    FROM comments cm
  ), comment_figures AS (
    SELECT rp.source_id,
      count(*) AS citizen_comments,
      count(rp.first_reply_at) AS answered_comments,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rp.first_reply_at - rp.at) / 60)
        FILTER (WHERE rp.first_reply_at IS NOT NULL) AS median_reply_minutes
    FROM replies rp
    GROUP BY rp.source_id
  ), post_figures AS (
    SELECT o.source_id,
      count(*) FILTER (WHERE o.at >= from_at) AS posts,
      max(o.at) AS last_post_at,
      COALESCE(sum(o.engagement) FILTER (WHERE o.at >= from_at), 0) AS engagement
    FROM unit_page_posts o
    WHERE o.at < to_at
    GROUP BY o.source_id
  )
  SELECT g.unit_id, g.unit_name, g.unit_kind, g.source_id, g.source_name, g.source_type, g.enabled,
    COALESCE(pf.posts, 0), pf.last_post_at, COALESCE(pf.engagement, 0)::bigint,
    COALESCE(cf.citizen_comments, 0), COALESCE(cf.answered_comments, 0), cf.median_reply_minutes::double precision
  FROM pages g
  LEFT JOIN post_figures pf ON pf.source_id = g.source_id
  LEFT JOIN comment_figures cf ON cf.source_id = g.source_id
$$;
